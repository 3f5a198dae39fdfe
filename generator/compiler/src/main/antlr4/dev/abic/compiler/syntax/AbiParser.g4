/*
 * Grammar of the .abi language (docs/idl-reference.md).
 *
 * Keywords are contextual where C ABIs need them as names: a field or enum value may be called
 * `flags`, `size`, `align`, `reserved`, ... (HostDeviceMappedRegionInfo has a field `flags`), so
 * `name` accepts every keyword. Type names are plain identifiers.
 *
 * Doc comments (`///`) go to their own channel; the AST builder attaches them to the
 * declaration that follows.
 */
parser grammar AbiParser;

options { tokenVocab = AbiLexer; }

file
    : packageDecl header* declaration* EOF
    ;

packageDecl
    : 'package' qualifiedName ';'
    ;

header
    : optionDecl
    | importDecl
    ;

optionDecl
    : 'option' name '=' STRING ';'
    ;

importDecl
    : 'import' STRING ';'
    ;

declaration
    : constDecl
    | enumDecl
    | flagsDecl
    | structDecl
    | layoutDecl
    | assertDecl
    ;

constDecl
    : 'const' name ':' typeRef '=' expr ';'
    ;

enumDecl
    : 'enum' name ':' typeRef '{' (enumValue (',' enumValue)* ','?)? '}' ';'?
    ;

flagsDecl
    : 'flags' name ':' typeRef '{' (enumValue (',' enumValue)* ','?)? '}' ';'?
    ;

enumValue
    : name '=' expr
    ;

structDecl
    : 'struct' name ('align' alignBefore=expr)? '{' field* '}' structSuffix* ';'?
    ;

structSuffix
    : 'size' expr     # sizeSuffix
    | 'align' expr    # alignSuffix
    ;

field
    : name ':' RESERVED? ATOMIC? typeRef ('@' expr)? fieldAttr* ';'
    ;

fieldAttr
    : 'count_of' '(' name ')'    # countOfAttr
    | 'bound' '(' expr ')'       # boundAttr
    ;

typeRef
    : qualifiedTypeName ('[' expr ']')?
    ;

qualifiedTypeName
    : IDENT ('.' IDENT)*
    ;

layoutDecl
    : 'layout' name '(' (param (',' param)*)? ')' '{' layoutItem* '}' ('align' expr)? ';'?
    ;

param
    : name ':' typeRef
    ;

layoutItem
    : 'require' expr ';'                                   # requireItem
    | name ':' typeRef ('align' expr)? ('@' expr)? ';'     # sectionItem
    ;

assertDecl
    : 'assert' expr (':' STRING)? ';'
    ;

// Precedence follows C, lowest first.
expr
    : primary                                                    # primaryExpr
    | op=('-' | '~' | '!') expr                                  # unaryExpr
    | expr op=('*' | '/' | '%') expr                             # binaryExpr
    | expr op=('+' | '-') expr                                   # binaryExpr
    | expr op=('<<' | '>>') expr                                 # binaryExpr
    | expr op=('<' | '<=' | '>' | '>=') expr                     # binaryExpr
    | expr op=('==' | '!=') expr                                 # binaryExpr
    | expr op='&' expr                                           # binaryExpr
    | expr op='^' expr                                           # binaryExpr
    | expr op='|' expr                                           # binaryExpr
    | expr op='&&' expr                                          # binaryExpr
    | expr op='||' expr                                          # binaryExpr
    ;

primary
    : INT                                                        # intLiteral
    | '(' expr ')'                                               # parenExpr
    | 'sizeof' '(' typeRef ')'                                   # sizeofExpr
    | 'alignof' '(' typeRef ')'                                  # alignofExpr
    | 'offsetof' '(' qualifiedTypeName ',' name ')'              # offsetofExpr
    | IDENT '(' (expr (',' expr)*)? ')'                          # callExpr
    | name ('.' name)*                                           # nameExpr
    ;

qualifiedName
    : name ('.' name)*
    ;

name
    : IDENT
    | 'package' | 'option' | 'import' | 'const' | 'enum' | 'flags' | 'struct' | 'layout'
    | 'assert' | 'require' | 'size' | 'align' | 'count_of' | 'bound'
    | 'sizeof' | 'alignof' | 'offsetof' | RESERVED | ATOMIC
    ;

