#!/usr/bin/env bash
# Extracts the window's texts (TR/TRN in src/ui, labels in forms/*.xrc) and the messages
# of core, storage, exchange and app marked with sb::Tr / sb::TrNoop, with the comments
# that start "TRANSLATORS:" on the line before, into
# po/schoolbuild.pot and merges them into each po/<lang>.po. The msgids are the Chinese
# originals: Chinese needs no catalog, English is po/en.po.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wxrc -g forms/*.xrc -o "$tmp/xrc_strings.cpp"
xgettext --from-code=UTF-8 --language=C++ --keyword=TR --keyword=TRs --keyword=TRN --keyword=Tr --keyword=TrNoop --keyword=BindText:2 --keyword=BindMoney:2 --keyword=BindDate:2 --keyword=BindOptionalDate:2 --keyword=BindChoice:2 --keyword=BindParsed:2 --keyword=Run:2 --keyword=TrC:1c,2 \
  --keyword=TrNoopC:1c,2 --keyword=_ \
  --add-comments=TRANSLATORS: --no-location --sort-output --package-name=schoolbuild -o po/schoolbuild.pot \
  src/ui/*.cpp src/ui/*.h src/core/*.cpp src/core/*.h src/core/rules/*.cpp src/core/rules/*.h src/storage/*.cpp \
  src/exchange/*.cpp src/app/*.cpp "$tmp/xrc_strings.cpp"
for po in po/*.po; do
  msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" po/schoolbuild.pot
done
echo "po/schoolbuild.pot: $(grep -c '^msgid' po/schoolbuild.pot) texts"
