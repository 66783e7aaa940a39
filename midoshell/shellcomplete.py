"""Shell completion for bash and zsh: the scripts, and the answers they ask midoshell for.

The scripts complete midoshell's options themselves (the list is taken from the option
parser when the script is made) and, for the argument of -c, ask `midoshell
--complete-command TEXT`, which answers from the grammar and the model (no server).
"""


BASH = r"""# bash completion for midoshell (made by `midoshell --completion bash`)
_midoshell() {
    local cur prev
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    if [[ "$prev" == "-c" ]]; then
        local text="${cur#[\'\"]}"
        local IFS=$'\n'
        COMPREPLY=( $(midoshell --complete-command "$text" 2>/dev/null) )
        compopt -o nospace 2>/dev/null
        return 0
    fi
    case "$prev" in
        -o|--output) COMPREPLY=( $(compgen -W "%(formats)s" -- "$cur") ); return 0 ;;
        --completion) COMPREPLY=( $(compgen -W "bash zsh" -- "$cur") ); return 0 ;;
        -f|--file|--ca-cert) COMPREPLY=( $(compgen -f -- "$cur") ); return 0 ;;
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=( $(compgen -W "%(options)s" -- "$cur") )
    fi
}
complete -F _midoshell midoshell
"""

ZSH = r"""#compdef midoshell
# zsh completion for midoshell (made by `midoshell --completion zsh`)
_midoshell() {
    if [[ ${words[CURRENT-1]} == -c ]]; then
        local -a lines
        lines=("${(@f)$(midoshell --complete-command "${words[CURRENT]#[\'\"]}" 2>/dev/null)}")
        compadd -Q -S '' -- $lines
        return
    fi
    if [[ ${words[CURRENT]} == -* ]]; then
        compadd -- %(options)s
    fi
}
compdef _midoshell midoshell
"""


def option_words(parser):
    return sorted(o for a in parser._actions if a.help != "==SUPPRESS==" for o in a.option_strings)


def script(shell, parser):
    from midoshell.output import FORMATS

    template = BASH if shell == "bash" else ZSH
    return template % {"options": " ".join(option_words(parser)), "formats": " ".join(FORMATS)}


def completions(text):
    """Whole words for the shell: `text` with its last word completed, one per line."""
    from midoshell.interactive.sources import Sources
    from midoshell.interactive.suggest import suggest

    suggestion = suggest(text)
    head = text[:len(text) - len(suggestion.partial)]
    candidates, _ = Sources(_Offline()).collect(suggestion)
    words = []
    for candidate in candidates:
        if candidate.text.startswith(suggestion.partial) and candidate.text not in words:
            words.append(candidate.text)
    return [head + word + " " for word in words]


class _Offline:
    """A session that knows no objects and never talks to a server."""

    def __init__(self):
        from midoshell.aliases import Aliases

        self.aliases = Aliases()
        self.cache = {}
        self.changes = 0


def main(args, parser, stdout):
    if args.completion:
        stdout.write(script(args.completion, parser))
        return 0
    for line in completions(args.complete_command):
        stdout.write(line + "\n")
    return 0
