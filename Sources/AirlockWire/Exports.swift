// The submit exchange, request ids, error codes and the version live in AirlockWireCore (the
// hook links that alone); everyone who speaks the whole protocol gets them with AirlockWire.
@_exported import AirlockWireCore
