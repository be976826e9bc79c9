#!/bin/sh
# A plain shell gate for any CI: exit 1 on lint errors or on HIGH and
# CRITICAL vulnerabilities, 2 when something could not be read; the
# Markdown is ready for a pull-request comment.
set -eu
shipready audit . --no-images --format markdown --output shipready-audit.md --fail-on error
