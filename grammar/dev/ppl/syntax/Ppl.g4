// PPL, the Payer Policy Language.
// One file holds one policy version: a header, then code sets, tables, rules and tests.
// No actions in the grammar: the AST is built by dev.ppl.syntax.AstBuilder.
grammar Ppl;

// Parse-tree nodes keep their children in a list sized for the few most have (PplContext).
options { contextSuperClass = PplContext; }

// ===================================================================== file

policyFile
    : header declaration* EOF
    ;

// =================================================================== header

header
    : POLICY qualifiedWord headerClause*
    ;

headerClause
    : VERSION versionWord                                   # VersionClause
    | TITLE STRING                                          # TitleClause
    | APPLIES TO PAYER TYPE word (',' word)*                # AppliesToTypeClause
    | APPLIES TO PAYER ID? qualifiedWord (',' qualifiedWord)* # AppliesToIdClause
    | JURISDICTION word (',' word)*                         # JurisdictionClause
    | EFFECTIVE FROM? DATE (TO DATE)?                       # EffectiveClause
    | CITES STRING (',' STRING)*                            # CitesClause
    | EXTENDS qualifiedWord                                 # ExtendsClause
    ;

// ============================================================= declarations

declaration
    : setKind name '=' setExpr (CITES STRING)?              # CodeSetDecl
    | TABLE name (FROM file=STRING)? tableClause* tableRow* # TableDecl
    | OVERRIDE? RULE ruleId description=STRING? (BECAUSE reason=STRING)?
        (CITES cites=STRING)? forClause? letClause* branch+ # RuleDecl
    | DISABLE RULE ruleId BECAUSE STRING                    # DisableDecl
    | TEST STRING testClaim testPatch* testExpect+          # TestDecl
    | MEASURE ruleId description=STRING? (CITES cites=STRING)?
        BY name (',' name)* forClause? letClause* measureValue
        volumeClause? minimumClause? benchmarkClause* flagClause* # MeasureDecl
    ;

setKind
    : CODES                                                 # ProcedureSetKind
    | DIAGNOSES                                             # DiagnosisSetKind
    | MODIFIERS                                             # ModifierSetKind
    | NDCS                                                  # NdcSetKind
    ;

setExpr
    : '{' (setElement (',' setElement)*)? '}'               # SetLiteral
    | name                                                  # SetRef
    | setExpr '+' setExpr                                   # SetUnion
    | setExpr '-' setExpr                                   # SetDifference
    ;

setElement
    : codeAtom ('-' codeAtom)?
    ;

codeAtom
    : CODE | NUMBER | IDENT | STRING
    ;

tableClause
    : KEY name (',' name)*                                  # KeyClause
    | COLUMNS column (',' column)*                          # ColumnsClause
    | EFFECTIVE FROM name TO name                           # RowEffectiveClause
    | CITES STRING                                          # TableCitesClause
    ;

column
    : name ':' name
    ;

tableRow
    : ROW literal (',' literal)*
    ;

// ==================================================================== rules

forClause
    : FOR EACH binding (',' binding)* (WHERE expr)?
    ;

binding
    : name IN expr
    ;

letClause
    : LET name '=' expr
    ;

branch
    : WHEN expr outcome
    ;

outcome
    : severity target adjustment* MESSAGE message=STRING (FIX fix=STRING)? (CITES cites=STRING)?
    ;

severity
    : REJECT | DENY | REVIEW | INFO
    ;

target
    : LINE expr                                             # LineTarget
    | CLAIM                                                 # ClaimTarget
    ;

adjustment
    : GROUP IDENT                                           # GroupCode
    | CARC adjustmentCode                                   # CarcCode
    | RARC adjustmentCode (',' adjustmentCode)*             # RarcCodes
    ;

adjustmentCode
    : NUMBER | IDENT | CODE
    ;

// ================================================================= measures
// An audit measure: items (the `for each` combinations, or each claim) grouped by named
// dimensions, one value per group, peer percentiles, benchmarks and flags.

measureValue
    : RATE expr                                             # RateValue
    | COUNT (PER VOLUME)?                                   # CountValue
    | SUM expr (PER VOLUME)?                                # SumValue
    | AVERAGE expr                                          # AverageValue
    | DISTINCT expr                                         # DistinctValue
    ;

volumeClause
    : VOLUME DISTINCT expr
    ;

minimumClause
    : MINIMUM VOLUME NUMBER
    ;

benchmarkClause
    : BENCHMARK name '=' expr
    ;

flagClause
    : FLAG level=name WHEN expr MESSAGE message=STRING (FIX fix=STRING)? (CITES cites=STRING)?
    ;

// ============================================================== expressions
// Alternatives listed first bind tighter.

expr
    : primary                                               # PrimaryExpr
    | expr '.' name                                         # Member
    | name '[' keys+=expr (',' keys+=expr)* (ON on=expr)? ']' # Lookup
    | '-' expr                                              # Negate
    | expr op=('*' | '/') expr                              # Multiply
    | expr op=('+' | '-') expr                              # Add
    | date=expr WITHIN window=expr direction=(BEFORE | AFTER | OF) ref=expr # Within
    | expr op=('=' | '!=' | '<' | '<=' | '>' | '>=') expr   # Compare
    | expr NOT? IN expr                                     # In
    | expr IS NOT? check=(PRESENT | MISSING | BLANK) # Is
    | NOT expr                                              # Not
    | expr AND expr                                         # And
    | expr OR expr                                          # Or
    | quantifier=(ANY | NO) name IN source=expr (WHERE cond=expr)? # Exists
    | EVERY name IN source=expr (WHERE cond=expr)? SATISFIES test=expr # Every
    ;

primary
    : NUMBER IDENT                                          # QuantityLiteral
    | NUMBER                                                # NumberLiteral
    | STRING                                                # StringLiteral
    | DATE                                                  # DateLiteral
    | CODE                                                  # CodeLiteral
    | (TRUE | FALSE)                                        # BoolLiteral
    | '{' (setElement (',' setElement)*)? '}'               # InlineSet
    | COUNT '(' name IN source=expr (WHERE cond=expr)? ')'  # Count
    | SUM '(' value=expr FOR name IN source=expr (WHERE cond=expr)? ')' # Sum
    | name '(' (expr (',' expr)*)? ')'                      # Call
    | name                                                  # NameRef
    | '(' expr ')'                                          # Parens
    ;

literal
    : '-'? NUMBER IDENT?                                    # NumberOrQuantityCell
    | STRING                                                # StringCell
    | DATE                                                  # DateCell
    | CODE                                                  # CodeCell
    | IDENT                                                 # WordCell
    | MISSING                                               # MissingCell
    ;

// A {hole} in a message template is parsed on its own.
templateHole
    : expr EOF
    ;

// ==================================================================== tests

testClaim
    : USING STRING                                          # ClaimFromFile
    | CLAIM json                                            # InlineClaim
    ;

testPatch
    : WITH LINE NUMBER '=' json                             # SetLine
    | WITH LINE NUMBER jsonPath '=' json                    # PatchLine
    | WITH jsonPath '=' json                                # PatchClaim
    | WITHOUT LINE NUMBER                                   # RemoveLine
    | WITHOUT jsonPath                                      # RemoveField
    ;

jsonPath
    : name ('[' NUMBER ']')? ('.' name ('[' NUMBER ']')?)*
    ;

testExpect
    : EXPECT OUTCOME (severity | CLEAN)                                 # ExpectOutcome
    | EXPECT ruleId (ON LINE NUMBER)? severity? (CARC adjustmentCode)?  # ExpectFinding
    | EXPECT NO ruleId (ON LINE NUMBER)?                                # ExpectNoFinding
    ;

json
    : '{' (jsonMember (',' jsonMember)*)? '}'               # JsonObject
    | '[' (json (',' json)*)? ']'                           # JsonArray
    | STRING                                                # JsonString
    | '-'? NUMBER                                           # JsonNumber
    | (TRUE | FALSE)                                        # JsonBool
    | NULL                                                  # JsonNull
    ;

jsonMember
    : STRING ':' json
    ;

// ==================================================================== words

// Rule ids and policy ids are words joined by '-' or '.' with no spaces between;
// the AST builder checks the adjacency.
ruleId
    : wordPart ('-' wordPart)*
    ;

qualifiedWord
    : wordPart (('-' | '.') wordPart)*
    ;

versionWord
    : VERSION_NUMBER
    ;

word
    : wordPart
    ;

// Inside ids every keyword is an ordinary word: `drug-line-missing`, `no-policy-applies`.
wordPart
    : name | NUMBER | CODE | VERSION_NUMBER
    | POLICY | APPLIES | CITES | EXTENDS | TABLE | ROW | RULE | OVERRIDE | DISABLE | BECAUSE | FOR
    | WHERE | LET | WHEN | REJECT | DENY | REVIEW | INFO | GROUP | CARC | RARC | MESSAGE | FIX | ON
    | AND | OR | NOT | IN | IS | PRESENT | MISSING | BLANK | WITHIN | BEFORE | AFTER | OF | ANY | NO
    | EVERY | SATISFIES | COUNT | SUM | TRUE | FALSE | NULL | TEST | USING | WITH | WITHOUT | EXPECT
    | OUTCOME | CLEAN | EFFECTIVE | MEASURE | BY | RATE | AVERAGE | DISTINCT | VOLUME | BENCHMARK | FLAG | MINIMUM | PER
    ;

// Keywords that may also be used as names (fields, columns, variables).
name
    : IDENT | LINE | CLAIM | TYPE | ID | PAYER | DIAGNOSES | CODES | MODIFIERS | NDCS | KEY
    | COLUMNS | TITLE | VERSION | JURISDICTION | FROM | TO | EACH
    | MEASURE | BY | RATE | AVERAGE | DISTINCT | VOLUME | BENCHMARK | FLAG | MINIMUM | PER
    ;

// =================================================================== lexer

POLICY       : 'policy';
VERSION      : 'version';
TITLE        : 'title';
APPLIES      : 'applies';
TO           : 'to';
PAYER        : 'payer';
TYPE         : 'type';
ID           : 'id';
JURISDICTION : 'jurisdiction';
EFFECTIVE    : 'effective';
FROM         : 'from';
CITES        : 'cites';
EXTENDS      : 'extends';
CODES        : 'codes';
DIAGNOSES    : 'diagnoses';
MODIFIERS    : 'modifiers';
NDCS         : 'ndcs';
TABLE        : 'table';
KEY          : 'key';
COLUMNS      : 'columns';
ROW          : 'row';
RULE         : 'rule';
OVERRIDE     : 'override';
DISABLE      : 'disable';
BECAUSE      : 'because';
FOR          : 'for';
EACH         : 'each';
WHERE        : 'where';
LET          : 'let';
WHEN         : 'when';
REJECT       : 'reject';
DENY         : 'deny';
REVIEW       : 'review';
INFO         : 'info';
LINE         : 'line';
CLAIM        : 'claim';
GROUP        : 'group';
CARC         : 'carc';
RARC         : 'rarc';
MESSAGE      : 'message';
FIX          : 'fix';
ON           : 'on';
AND          : 'and';
OR           : 'or';
NOT          : 'not';
IN           : 'in';
IS           : 'is';
PRESENT      : 'present';
MISSING      : 'missing';
BLANK        : 'blank';
WITHIN       : 'within';
BEFORE       : 'before';
AFTER        : 'after';
OF           : 'of';
ANY          : 'any';
NO           : 'no';
EVERY        : 'every';
SATISFIES    : 'satisfies';
COUNT        : 'count';
SUM          : 'sum';
TRUE         : 'true';
FALSE        : 'false';
NULL         : 'null';
TEST         : 'test';
USING        : 'using';
WITH         : 'with';
WITHOUT      : 'without';
EXPECT       : 'expect';
OUTCOME      : 'outcome';
CLEAN        : 'clean';
MEASURE      : 'measure';
BY           : 'by';
RATE         : 'rate';
AVERAGE      : 'average';
DISTINCT     : 'distinct';
VOLUME       : 'volume';
BENCHMARK    : 'benchmark';
FLAG         : 'flag';
MINIMUM      : 'minimum';
PER          : 'per';

DATE           : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT;
VERSION_NUMBER : DIGIT+ '.' DIGIT+ '.' DIGIT+ ('-' [0-9A-Za-z.]+)?;

// Code literals: ICD-10-CM (I10, D51.0, M54.50, with an optional trailing * pattern),
// HCPCS Level II (J3420, G0008) and CPT category II/III (0001F, 0075T).
CODE
    : [A-Z] DIGIT [0-9A-Z] ('.' [0-9A-Z]*)? '*'?
    | [A-Z] DIGIT DIGIT DIGIT DIGIT
    | DIGIT DIGIT DIGIT DIGIT [A-Z]
    ;

NUMBER : DIGIT+ ('.' DIGIT+)?;
IDENT  : [A-Za-z_] [A-Za-z0-9_]*;
STRING : '"' (~["\\\r\n] | '\\' .)* '"';

LBRACE : '{';
RBRACE : '}';
LBRACK : '[';
RBRACK : ']';
LPAREN : '(';
RPAREN : ')';
COMMA  : ',';
COLON  : ':';
DOT    : '.';
PLUS   : '+';
MINUS  : '-';
STAR   : '*';
SLASH  : '/';
EQ     : '=';
NEQ    : '!=';
LE     : '<=';
GE     : '>=';
LT     : '<';
GT     : '>';

COMMENT : '#' ~[\r\n]* -> channel(HIDDEN);
WS      : [ \t\r\n]+ -> channel(HIDDEN);

// Anything else is one bad character; the parser reports it with its position.
ERROR_CHAR : .;

fragment DIGIT : [0-9];
