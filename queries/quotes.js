// name: quotes
// description: What did <speaker> say? Their quotations, with the articles they appear in.
// param: speaker entity Donald Trump
var sp = kgFind(params.speakerKey, params.speaker), speaker = kgRef(sp);
// the quotation nodes first, then their text and article (not Tag and Back)
var ids = kgArr(g.V(sp).In("<kg:speaker>").Unique(), 5000), byQuote = {};
if (ids.length > 0) {
  var fields = { "<kg:text>": "text", "<kg:doc>": "doc", "<kg:published>": "published" };
  for (var pred in fields) {
    var fs = kgTags(g.V.apply(g, ids).Tag("quote").Out(pred), 100000);
    for (var f = 0; f < fs.length; f++) {
      var q = byQuote[fs[f].quote] || (byQuote[fs[f].quote] = {});
      q[fields[pred]] = fs[f].id;
    }
  }
}
var rows = {}, order = [];
for (var i = 0; i < ids.length; i++) {
  var qt = byQuote[ids[i]];
  if (!qt || !qt.text || !qt.doc || !kgInPeriod(qt.published)) continue;
  var t = qt.text;
  if (!rows[t]) { rows[t] = { speaker: speaker, text: t, articles: [], has: {} }; order.push(t); }
  var d = kgDoc(qt.doc);
  if (!rows[t].has[d]) { rows[t].has[d] = true; rows[t].articles.push(d); }
}
order.sort(function (a, b) { return rows[b].articles.length - rows[a].articles.length || (a < b ? -1 : 1); });
for (var j = 0; j < order.length && j < (params.limit || 100); j++) {
  var row = rows[order[j]];
  delete row.has;
  g.Emit(kgRowArticles(row, row.articles));
}
