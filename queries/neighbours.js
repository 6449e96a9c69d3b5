// name: neighbours
// description: Everything <name> is related to, by relation, with the articles that say so.
// param: name entity Vladimir Putin
var n = kgFind(params.nameKey, params.name);
var stmts = kgStatements(n, null, null, 5000).concat(kgStatements(null, null, n, 5000));
kgGroup(stmts, params.limit || 100);
