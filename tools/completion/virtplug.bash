# bash completion for virtplug                           -*- shell-script -*-
#
# Commands and their options come from the installed command's own help
# (`virtplug help`, `virtplug help COMMAND`), so the completion never falls
# behind the tool.  Needs nothing from the bash-completion package.

_virtplug_commands()
{
    "$1" help 2>/dev/null |
        sed -n '/^ *Commands:/,/^ *$/s/^ \{1,\}\([a-z][a-z0-9-]*\) .*/\1/p'
}

_virtplug_options()
{
    "$1" help "$2" 2>/dev/null | sed -n 's/^ \{1,\}\(--[a-z][a-z0-9-]*\).*/\1/p'
}

_virtplug()
{
    local cur prev tool cmd i word
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    tool=${COMP_WORDS[0]}
    COMPREPLY=()

    case $prev in
        -c|--connect)
            COMPREPLY=($(compgen -W 'qemu:///system qemu:///session
                xen:///system lxc:///system test:///default' -- "$cur"))
            return
            ;;
    esac

    # The first word after the global options is the command.
    cmd=
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
            -c|--connect) i=$((i + 1)) ;;
            -*) ;;
            *) cmd=$word; break ;;
        esac
    done

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '-c --connect -r --readonly -q --quiet
                -h --help -v --version' -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_virtplug_commands "$tool")" -- "$cur"))
        fi
        return
    fi
    if [[ $cmd == help && $prev == help ]]; then
        COMPREPLY=($(compgen -W "$(_virtplug_commands "$tool")" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_virtplug_options "$tool" "$cmd")" -- "$cur"))
    fi
} &&
    complete -F _virtplug virtplug
