// name: top
// description: The most connected entities: how many relation statements name each, and in how many articles.
// param: limit number 20
var counts = {}, docs = {};
var st = kgTags(g.V("<kg:Statement>").In("<rdf:type>").Tag("stmt").Out("<kg:subject>").Tag("s").Back("stmt")
  .Out("<kg:object>").Tag("o").Back("stmt").Out("<kg:doc>").Tag("doc"), 200000);
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
var limit = Math.min(params.limit || 20, 1000);
for (var k = 0; k < order.length && k < limit; k++) {
  var n = order[k];
  g.Emit({
    name: kgName(n), type: kgArr(g.V(n).Out("<rdf:type>"))[0].replace(/^<schema:|>$/g, ""),
    statements: counts[n], articles: Object.keys(docs[n]).length, id: n
  });
}
