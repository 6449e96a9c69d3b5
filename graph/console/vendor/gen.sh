#!/usr/bin/env bash
# Regenerates the vendored console assets: the parts of monaco-editor 0.18.1 that Cayley's
# console uses (the editor, its JavaScript, GraphQL and JSON modes, and the TypeScript and
# JSON workers behind them), the Material Icons font, and cytoscape.js (the graph view kg
# draws in the console's Visualize page), gzip-compressed for embedding.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund >/dev/null
rm -rf monaco material-icons cytoscape
src=node_modules/monaco-editor/min/vs
for f in loader.js editor/editor.main.js editor/editor.main.css editor/editor.main.nls.js \
         base/worker/workerMain.js language/typescript/tsMode.js language/typescript/tsWorker.js \
         basic-languages/javascript/javascript.js basic-languages/typescript/typescript.js \
         basic-languages/graphql/graphql.js language/json/jsonMode.js language/json/jsonWorker.js; do
  mkdir -p "monaco/vs/$(dirname "$f")"
  gzip -9 -n -c "$src/$f" > "monaco/vs/$f.gz"
done
cp node_modules/monaco-editor/LICENSE monaco/LICENSE
mkdir -p material-icons
gzip -9 -n -c node_modules/material-icons/iconfont/material-icons.woff2 > material-icons/material-icons.woff2.gz
cp node_modules/material-icons/LICENSE material-icons/LICENSE
mkdir -p cytoscape
gzip -9 -n -c node_modules/cytoscape/dist/cytoscape.min.js > cytoscape/cytoscape.min.js.gz
cp node_modules/cytoscape/LICENSE cytoscape/LICENSE
rm -rf node_modules
