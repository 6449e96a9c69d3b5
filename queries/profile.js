// name: profile
// description: Who or what is <name>? Type, names and why they are one, roles, relations by kind, its first 50 articles.
// param: name entity Marco Rubio
var KG_PROFILE_ARTICLES = 50;
var n = kgFind(params.nameKey, params.name);
// a hub is stated a type, an alias, a role and a mention in thousands of articles: the
// store walks them all, but only the distinct values are read (Unique before the values,
// whose reading is most of the cost)
var types = kgArr(g.V(n).Out("<rdf:type>").Unique()).map(function (t) { return t.replace(/^<schema:|>$/g, ""); });
var rels = {};
var outs = kgArr(g.V().Has("<kg:subject>", n).Out("<kg:predicate>"));
for (var i = 0; i < outs.length; i++) { var k = kgVerb(outs[i]); rels[k] = (rels[k] || 0) + 1; }
var ins = kgArr(g.V().Has("<kg:object>", n).Out("<kg:predicate>"));
for (var j = 0; j < ins.length; j++) { var k2 = kgVerb(ins[j]) + " (by others)"; rels[k2] = (rels[k2] || 0) + 1; }
// why the names of the node are one: each decision of the linking stage other than a name
// in full, with its reason and the articles that brought it
// (the records first, then their fields: Tag and Back made the store intersect the whole
// path, tens of seconds on a hub of a large store)
var recIds = kgArr(g.V(n).In("<kg:node>").Unique()), recOf = {};
if (recIds.length > 0) {
  var recFields = { "<kg:reason>": "reasons", "<kg:doc>": "docs" };
  for (var rp in recFields) {
    var vs = kgTags(g.V.apply(g, recIds).Tag("rec").Out(rp));
    for (var v = 0; v < vs.length; v++) {
      var rec = recOf[vs[v].rec] || (recOf[vs[v].rec] = { reasons: [], docs: [] });
      rec[recFields[rp]].push(vs[v].id);
    }
  }
}
var why = {}, whyKeys = [];
for (var w = 0; w < recIds.length; w++) {
  var rec = recOf[recIds[w]];
  if (!rec) continue;
  for (var ri = 0; ri < rec.reasons.length; ri++) {
    var key = rec.reasons[ri];
    if (!why[key]) { why[key] = { reason: key, articles: [], has: {} }; whyKeys.push(key); }
    for (var di = 0; di < rec.docs.length; di++) {
      var d = kgDoc(rec.docs[di]);
      if (!why[key].has[d]) { why[key].has[d] = true; why[key].articles.push(d); }
    }
  }
}
whyKeys.sort();
var linked = whyKeys.map(function (k) {
  var x = why[k];
  x.articles.sort();
  return x.reason + " (" + x.articles.join(", ") + ")";
});
// the articles that mention it, by id: at most KG_PROFILE_ARTICLES of them listed, and
// then articles_total says how many there are in all
var docs = kgArr(g.V(n).In("<schema:mentions>").Unique()).map(kgDoc).sort(), total = docs.length;
var articles = [];
if (params.since || params.until) {
  // the dates of every article decide which are counted
  articles = kgArticleList(docs).filter(function (a) { return kgInPeriod(a.date); });
  total = articles.length;
  articles = articles.slice(0, KG_PROFILE_ARTICLES);
} else {
  articles = kgArticleList(docs.slice(0, KG_PROFILE_ARTICLES));
}
var out = {
  id: kgId(n), name: kgName(n), type: types.join(", "),
  aliases: kgArr(g.V(n).Out("<kg:alias>").Unique()).sort(),
  linked: linked,
  roles: kgArr(g.V(n).Out("<kg:role>").Unique()).sort(),
  relations: rels,
  quotations: g.V().Has("<kg:speaker>", n).Count(),
  articles: articles
};
if (total > articles.length) out.articles_total = total;
g.Emit(out);
