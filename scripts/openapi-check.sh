#!/usr/bin/env bash
# api-spec/openapi.json is valid OpenAPI 3.1 by a standard validator
# (openapi-spec-validator, from PyPI).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ "$(python3 -m pip show openapi-spec-validator 2>/dev/null | awk '/^Version:/ { print $2 }')" != "0.9.0" ]; then
  python3 -m pip install --quiet --disable-pip-version-check 'openapi-spec-validator==0.9.0' >&2
fi
echo "+ openapi-spec-validator api-spec/openapi.json"
openapi-spec-validator "$root/api-spec/openapi.json"
