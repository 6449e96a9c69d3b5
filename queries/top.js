// name: top
// description: The most connected entities: how many relation statements name each, and in how many articles.
// param: limit number 20
var limit = Math.min(params.limit || 20, 1000);
// the summary kg counts after each build (graph/summary.go), else every statement
// (the summary counts every article: between dates, count the statements of those)
var summary = params.since || params.until ? [] : kgArr(g.V("<kg:summary>").Out("<kg:top>"), 1);
if (summary.length > 0) {
  var rows = JSON.parse(summary[0]);
  for (var r = 0; r < rows.length && r < limit; r++) {
    rows[r].id = kgId(rows[r].id); // summaries kept "<ent:…>" before kgId
    g.Emit(rows[r]);
  }
} else {
  var counts = {}, docs = {};
  var st = kgStatementRows(kgArr(g.V("<kg:Statement>").In("<rdf:type>").Unique(), 1000000));
  for (var i = 0; i < st.length; i++) {
    var ends = [st[i].s, st[i].o];
    for (var j = 0; j < 2; j++) {
      var e = ends[j];
      counts[e] = (counts[e] || 0) + 1;
      if (!docs[e]) docs[e] = {};
      docs[e][st[i].doc] = true;
    }
  }
  var order = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
  for (var k = 0; k < order.length && k < limit; k++) {
    var n = order[k], types = {}, type = "";
    // the type most of its articles give it
    var ts = kgArr(g.V(n).Out("<rdf:type>"));
    for (var t = 0; t < ts.length; t++) types[ts[t]] = (types[ts[t]] || 0) + 1;
    ["Person", "Organization", "Place", "Event"].forEach(function (c) {
      if ((types["<schema:" + c + ">"] || 0) > (types["<schema:" + type + ">"] || 0)) type = c;
    });
    g.Emit({
      id: kgId(n), name: kgName(n), type: type,
      statements: counts[n], articles: Object.keys(docs[n]).length
    });
  }
}
