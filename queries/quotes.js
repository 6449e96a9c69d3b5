// name: quotes
// description: What did <speaker> say? Their quotations, with the articles they appear in.
// param: speaker entity Donald Trump
var sp = kgFind(params.speakerKey, params.speaker), name = kgName(sp);
var qs = kgTags(g.V().Has("<kg:speaker>", sp).Tag("quote").Out("<kg:text>").Tag("text").Back("quote")
  .Out("<kg:doc>").Tag("doc"), 5000);
var rows = {}, order = [];
for (var i = 0; i < qs.length; i++) {
  var t = qs[i].text;
  if (!rows[t]) { rows[t] = { speaker: name, text: t, articles: [] }; order.push(t); }
  var d = kgDoc(qs[i].doc);
  if (rows[t].articles.indexOf(d) < 0) rows[t].articles.push(d);
}
order.sort(function (a, b) { return rows[b].articles.length - rows[a].articles.length || (a < b ? -1 : 1); });
for (var j = 0; j < order.length && j < (params.limit || 100); j++) {
  rows[order[j]].articles.sort();
  g.Emit(rows[order[j]]);
}
