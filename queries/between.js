// name: between
// description: Every relation between <a> and <b>, in both directions, with the articles that say so.
// param: a entity Marco Rubio
// param: b entity Donald Trump
var a = kgFind(params.aKey, params.a), b = kgFind(params.bKey, params.b);
// both directions; kgGroup keeps each statement's own subject and object
var stmts = kgStatements(a, null, b, 1000).concat(kgStatements(b, null, a, 1000));
kgGroup(stmts, params.limit || 100);
