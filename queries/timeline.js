// name: timeline
// description: What happened to <name>, and when? Its facts and quotations by date: the date the sentence states, else its article's.
// param: name entity Vladimir Putin
var n = kgFind(params.nameKey, params.name), name = kgName(n);
var rows = [], seen = {};
function add(row, st) {
  var k = row.kind + " " + row.text + " " + st.doc;
  if (seen[k]) return;
  seen[k] = true;
  row.date = st.date || (st.published ? String(st.published).slice(0, 10) : "");
  row.dated = st.date ? "stated" : st.published ? "published" : "";
  row.article = kgArticle(st.doc);
  rows.push(row);
}
var stmts = kgStatements(n, null, null, 5000, true).concat(kgStatements(null, null, n, 5000, true));
for (var i = 0; i < stmts.length; i++) {
  var st = stmts[i];
  add({
    kind: "fact", text: kgName(st.s) + " " + kgVerb(st.p) + " " + kgName(st.o), evidence: st.evidence,
    entities: [kgRef(st.s), kgRef(st.o)]
  }, st);
}
// the quotation nodes first, then their fields (not Tag and Back)
var ids = kgArr(g.V(n).In("<kg:speaker>").Unique(), 5000), byQuote = {};
if (ids.length > 0) {
  var fields = { "<kg:text>": "text", "<kg:doc>": "doc", "<kg:published>": "published", "<kg:date>": "date", "<kg:evidence>": "evidence" };
  for (var pred in fields) {
    var fs = kgTags(g.V.apply(g, ids).Tag("quote").Out(pred), 100000);
    for (var f = 0; f < fs.length; f++) {
      var q = byQuote[fs[f].quote] || (byQuote[fs[f].quote] = {});
      q[fields[pred]] = fs[f].id;
    }
  }
}
for (var j = 0; j < ids.length; j++) {
  var qt = byQuote[ids[j]];
  if (!qt || !qt.text || !qt.doc || !kgInPeriod(qt.published)) continue;
  add({ kind: "quote", text: name + ": \u201c" + qt.text + "\u201d", evidence: qt.evidence, entities: [kgRef(n)] }, qt);
}
// by date, the undated last; then by article and text, whatever order the store walks in
rows.sort(function (a, b) {
  if (a.date != b.date) return !a.date ? 1 : !b.date ? -1 : a.date < b.date ? -1 : 1;
  if (a.article.id != b.article.id) return a.article.id < b.article.id ? -1 : 1;
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
});
for (var r = 0; r < rows.length && r < (params.limit || 200); r++) g.Emit(rows[r]);
