// name: profile
// description: Who or what is <name>? Type, aliases, roles, relations by kind, and the articles.
// param: name entity Marco Rubio
var n = kgFind(params.nameKey, params.name);
function uniq(a) { var o = []; for (var i = 0; i < a.length; i++) if (o.indexOf(a[i]) < 0) o.push(a[i]); return o; }
var types = uniq(kgArr(g.V(n).Out("<rdf:type>")).map(function (t) { return t.replace(/^<schema:|>$/g, ""); }));
var rels = {};
var outs = kgArr(g.V().Has("<kg:subject>", n).Out("<kg:predicate>"));
for (var i = 0; i < outs.length; i++) { var k = kgVerb(outs[i]); rels[k] = (rels[k] || 0) + 1; }
var ins = kgArr(g.V().Has("<kg:object>", n).Out("<kg:predicate>"));
for (var j = 0; j < ins.length; j++) { var k2 = kgVerb(ins[j]) + " (by others)"; rels[k2] = (rels[k2] || 0) + 1; }
g.Emit({
  id: kgId(n), name: kgName(n), type: types.join(", "),
  aliases: uniq(kgArr(g.V(n).Out("<kg:alias>"))).sort(),
  roles: uniq(kgArr(g.V(n).Out("<kg:role>"))).sort(),
  relations: rels,
  quotations: g.V().Has("<kg:speaker>", n).Count(),
  articles: kgArticleList(uniq(kgArr(g.V(n).In("<schema:mentions>")))).filter(function (a) { return kgInPeriod(a.date); })
});
