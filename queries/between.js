// name: between
// description: Every relation between <a> and <b>, in both directions, with the articles that say so.
// param: a entity Marco Rubio
// param: b entity Donald Trump
var a = kgFind(params.aKey, params.a), b = kgFind(params.bKey, params.b);
var stmts = [];
function collect(s, o) {
  var found = kgTags(g.V().Has("<kg:subject>", s).Has("<kg:object>", o).Tag("stmt")
    .Out("<kg:predicate>").Tag("p").Back("stmt")
    .Out("<kg:doc>").Tag("doc").Back("stmt")
    .Out("<kg:evidence>").Tag("evidence"), 1000);
  for (var i = 0; i < found.length; i++) {
    found[i].s = s; found[i].o = o; stmts.push(found[i]);
  }
}
collect(a, b);
collect(b, a);
kgGroup(stmts, params.limit || 100);
