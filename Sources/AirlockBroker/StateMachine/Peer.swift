/// One connection as the machine knows it: the kernel's credentials, the socket it came in on,
/// and how its reviewer was authenticated, if at all.
struct Peer: Sendable {
    var credentials: PeerCredentials
    var listener: Listener
    var authentication: ReviewerIdentity.Authentication?
}
