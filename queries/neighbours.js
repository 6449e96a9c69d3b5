// name: neighbours
// description: Everything <name> is related to, by relation, with the articles that say so.
// param: name entity Vladimir Putin
var n = kgFind(params.nameKey, params.name);
var stmts = [];
var out = kgTags(g.V().Has("<kg:subject>", n).Tag("stmt").Out("<kg:predicate>").Tag("p").Back("stmt")
  .Out("<kg:object>").Tag("o").Back("stmt").Out("<kg:doc>").Tag("doc").Back("stmt")
  .Out("<kg:evidence>").Tag("evidence"), 5000);
for (var i = 0; i < out.length; i++) { out[i].s = n; stmts.push(out[i]); }
var inn = kgTags(g.V().Has("<kg:object>", n).Tag("stmt").Out("<kg:predicate>").Tag("p").Back("stmt")
  .Out("<kg:subject>").Tag("s").Back("stmt").Out("<kg:doc>").Tag("doc").Back("stmt")
  .Out("<kg:evidence>").Tag("evidence"), 5000);
for (var j = 0; j < inn.length; j++) { inn[j].o = n; stmts.push(inn[j]); }
kgGroup(stmts, params.limit || 100);
