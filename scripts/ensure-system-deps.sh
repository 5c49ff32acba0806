#!/usr/bin/env bash
# Makes sure the real tools the tests and the demo use are installed: GNU m4, sendmail
# (sendmail, makemap), sendmail-cf, sendmail-doc, openssl (test certificates), libsasl2-modules
# (Cyrus SASL's PLAIN and LOGIN: the AUTH of the test world's submission server), dnsmasq-base (the
# loopback DNS of the test mail world, test/unit/world; the binary only, no service), Neovim,
# Emacs and eglot (the README's editor configurations, headless), Chromium, and the build tools
# code-server needs for its native modules. As root with apt: installs them. Otherwise: prints
# the command.
set -euo pipefail
pkgs=(m4 sendmail-bin sendmail-cf sendmail-doc openssl libsasl2-modules dnsmasq-base sudo neovim emacs-nox elpa-eglot chromium build-essential pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # sendmail-bin's postinst may try to start a daemon; in containers that fails harmlessly.
  apt-get install -y -qq "${missing[@]}" >&2
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
