# shellcheck shell=bash
# Sourced by the Makefile (bash): exports the settings in ./.env (see
# .env.example) that the environment does not set already, so a variable given
# on the command line wins over the file. Lines are KEY=value; blank lines and
# comments (#) are skipped, and one pair of quotes around the value is removed.
if [ -f .env ]; then
  while IFS= read -r _line || [ -n "$_line" ]; do
    [[ $_line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    _key=${BASH_REMATCH[1]} _val=${BASH_REMATCH[2]}
    [ -z "${!_key+x}" ] || continue
    case $_val in \"*\" | \'*\') _val=${_val:1:${#_val}-2} ;; esac
    export "$_key=$_val"
  done <.env
  unset _line _key _val
fi
