@testable import AirlockCore

/// Rows for the fifth pass's classes: named containers removed, changes hidden in a heredoc
/// body — and the look-alikes that are not harm: the environment's names without values,
/// run-time values that only narrow `find`, links that cannot replace a file, empty folders.
extension ClassTable {
    static let fifthPass: [ClassCase] = containerRemovals + heredocChanges + environmentNames + findFilters + links + dateOutputs

    static let containerRemovals = [
        harm("container-removal", "docker rm my-container", .destructiveFS),
        harm("container-removal", "podman container rm web", .destructiveFS),
        harm("container-removal", "sudo docker rm -f db", .destructiveFS),
        harm("container-removal", "docker container remove api worker", .destructiveFS),
        safe("container-removal", "docker stop my-container"),
        safe("container-removal", "docker rmi nginx:latest"),
        safe("container-removal", "docker ps -a --filter status=exited"),
    ]

    static let heredocChanges = [
        harm("heredoc-substitution", "git commit -F - <<EOF\n$(rm -rf /tmp/x)\nEOF", .destructiveFS),
        harm("heredoc-substitution", "cat > NOTES.md <<END\nsummary\n$(git checkout -- src/app.py)\nEND"),
        harm("heredoc-substitution", "mail -s done ops@example.com <<EOF\nok $(kill -9 4242)\nEOF"),
        safe("heredoc-substitution", "git commit -F - <<'EOF'\n$(rm -rf /tmp/x)\nEOF"),
        safe("heredoc-substitution", "git commit -F - <<EOF\nRelease $(git describe --tags)\nEOF"),
        safe("heredoc-substitution", "cat > VERSION <<EOF\n$(date +%Y%m%d)\nEOF"),
    ]

    static let environmentNames = [
        safe("environment-names", "env | cut -d= -f1"),
        safe("environment-names", "env | awk -F= '{if($1 ~ /X/) print $1}'"),
        safe("environment-names", "printenv | sed 's/=.*//' | sort"),
        harm("environment-names", "env | cut -d= -f2", .secretsAccess),
        harm("environment-names", "env | tr = ' ' | cut -d= -f1", .secretsAccess),
    ]

    static let findFilters = [
        safe("find-filters", "find . -name \"*.$1\" -delete"),
        safe("find-filters", "find . -inum $inum -exec rm {} \\;"),
        safe("find-filters", "rmdir \"$(dirname $dir)\""),
        safe("find-filters", "find \"$DELETEDIR\" -mindepth 1 -depth -type d -empty -exec rmdir \"{}\" \\;"),
        harm("find-filters", "find $LOGDIR -type d -mtime +5 -exec rm -rf {} \\;"),
        harm("find-filters", "find \"$DIR\" -type f -mtime +$DAYS -delete"),
    ]

    static let links = [
        safe("links", "ln -s /opt/tool/share ~/newlinks"),
        safe("links", "cat results.txt | xargs -I{} ln -s {} ~/newlinks"),
        harm("links", "ln -sf /tmp/x ~/notes.txt"),
        harm("links", "ln -s /tmp/tool ~/.local/bin/tool"),
    ]

    static let dateOutputs = [
        safe("date-output", "source <(date +\"CDATE='%Y-%m-%d %H:%M:%S' EPOCH='%s'\")"),
        safe("date-output", "echo \"build $(date +%s)\" >> build.log"),
        harm("date-output", "source <(date +'rm -rf ~ #%s')", .destructiveFS),
        harm("date-output", "source <(./generate_commands)"),
    ]
}
