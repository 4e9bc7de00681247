// peak_rss REPORT COMMAND [ARG...]: runs COMMAND and writes to the file REPORT its process id when
// it starts, then its peak RSS (KiB), user and system CPU seconds (from wait4) and exit status
// when it ends.
// Why a program of its own: a child that a Python script starts with fork (or vfork, as subprocess
// does) inherits the script's RSS as the floor of its ru_maxrss. A child forked from this small
// program has a floor of this program's ~1 MiB, so the figure is COMMAND's own.
#include <cstdio>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: peak_rss REPORT COMMAND [ARG...]\n");
        return 2;
    }
    FILE* report = std::fopen(argv[1], "w");
    if (!report) {
        std::perror(argv[1]);
        return 2;
    }
    const pid_t child = fork();
    if (child < 0) {
        std::perror("fork");
        return 2;
    }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        std::perror(argv[2]);
        _exit(127);
    }
    std::fprintf(report, "pid %d\n", int(child));
    std::fflush(report);
    int status = 0;
    rusage usage{};
    if (wait4(child, &status, 0, &usage) < 0) {
        std::perror("wait4");
        return 2;
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    const auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    std::fprintf(report, "maxrss_kib %ld\nuser_s %.6f\nsystem_s %.6f\nstatus %d\n", usage.ru_maxrss,
                 seconds(usage.ru_utime), seconds(usage.ru_stime), code);
    std::fclose(report);
    return code;
}
