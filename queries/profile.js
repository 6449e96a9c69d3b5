// name: profile
// description: Who or what is <name>? Type, names and why they are one, roles, relations by kind, and the articles.
// param: name entity Marco Rubio
var n = kgFind(params.nameKey, params.name);
function uniq(a) { var o = []; for (var i = 0; i < a.length; i++) if (o.indexOf(a[i]) < 0) o.push(a[i]); return o; }
var types = uniq(kgArr(g.V(n).Out("<rdf:type>")).map(function (t) { return t.replace(/^<schema:|>$/g, ""); }));
var rels = {};
var outs = kgArr(g.V().Has("<kg:subject>", n).Out("<kg:predicate>"));
for (var i = 0; i < outs.length; i++) { var k = kgVerb(outs[i]); rels[k] = (rels[k] || 0) + 1; }
var ins = kgArr(g.V().Has("<kg:object>", n).Out("<kg:predicate>"));
for (var j = 0; j < ins.length; j++) { var k2 = kgVerb(ins[j]) + " (by others)"; rels[k2] = (rels[k2] || 0) + 1; }
// why the names of the node are one: each decision of the linking stage other than a name
// in full, with its reason and the articles that brought it
var recs = kgTags(g.V(n).In("<kg:node>").Tag("rec").Out("<kg:reason>").Tag("reason").Back("rec").Out("<kg:doc>").Tag("doc"));
var why = {}, whyKeys = [];
for (var w = 0; w < recs.length; w++) {
  var key = recs[w].reason;
  if (!why[key]) { why[key] = {reason: recs[w].reason, articles: []}; whyKeys.push(key); }
  var d = kgDoc(recs[w].doc);
  if (why[key].articles.indexOf(d) < 0) why[key].articles.push(d);
}
whyKeys.sort();
var linked = whyKeys.map(function (k) {
  var x = why[k];
  x.articles.sort();
  return x.reason + " (" + x.articles.join(", ") + ")";
});
g.Emit({
  id: kgId(n), name: kgName(n), type: types.join(", "),
  aliases: uniq(kgArr(g.V(n).Out("<kg:alias>"))).sort(),
  linked: linked,
  roles: uniq(kgArr(g.V(n).Out("<kg:role>"))).sort(),
  relations: rels,
  quotations: g.V().Has("<kg:speaker>", n).Count(),
  articles: kgArticleList(uniq(kgArr(g.V(n).In("<schema:mentions>")))).filter(function (a) { return kgInPeriod(a.date); })
});
