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

    /// Reports a command's peak RSS in KB. The bench cannot read it from its own children:
    /// posix_spawn shares the bench's memory until exec, and Linux counts that peak as the
    /// child's ru_maxrss. This small launcher forks from a small process instead.
    static let rssSource = #"""
        #include <fcntl.h>
        #include <stdio.h>
        #include <sys/resource.h>
        #include <sys/wait.h>
        #include <unistd.h>

        int main(int argc, char **argv) {
            if (argc < 3) return 2;
            pid_t pid = fork();
            if (pid == 0) {
                int in = open(argv[1], O_RDONLY), out = open("/dev/null", O_WRONLY);
                dup2(in, 0);
                dup2(out, 1);
                execv(argv[2], argv + 2);
                _exit(127);
            }
            int status;
            struct rusage usage;
            if (wait4(pid, &status, 0, &usage) < 0) return 1;
            printf("%ld\n", usage.ru_maxrss);
            return 0;
        }
        """#
}
