/// The baseline: a minimal C client doing the hook's socket round trip and nothing else.
/// It reads the request line on stdin, connects, writes it, reads one reply line and prints it.
enum CClient {
    static let source = #"""
        #include <stdio.h>
        #include <string.h>
        #include <sys/socket.h>
        #include <sys/un.h>
        #include <unistd.h>

        int main(int argc, char **argv) {
            static char request[1 << 20], reply[1 << 16];
            size_t length = 0;
            ssize_t count;
            if (argc < 2) return 2;
            while ((count = read(0, request + length, sizeof request - length)) > 0) length += (size_t)count;
            int fd = socket(AF_UNIX, SOCK_STREAM, 0);
            struct sockaddr_un address = {0};
            address.sun_family = AF_UNIX;
            strncpy(address.sun_path, argv[1], sizeof address.sun_path - 1);
            if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) return 1;
            for (size_t sent = 0; sent < length; sent += (size_t)count)
                if ((count = write(fd, request + sent, length - sent)) <= 0) return 1;
            size_t got = 0;
            while (got < sizeof reply && (count = read(fd, reply + got, sizeof reply - got)) > 0) {
                got += (size_t)count;
                if (memchr(reply, '\n', got)) break;
            }
            fwrite(reply, 1, got, stdout);
            return 0;
        }
        """#
}
