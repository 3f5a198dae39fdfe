/* Tokens of the .abi language; see AbiParser.g4. */
lexer grammar AbiLexer;

channels { DOC }

K_PACKAGE : 'package' ;
K_OPTION : 'option' ;
K_IMPORT : 'import' ;
K_CONST : 'const' ;
K_ENUM : 'enum' ;
K_FLAGS : 'flags' ;
K_STRUCT : 'struct' ;
K_LAYOUT : 'layout' ;
K_ASSERT : 'assert' ;
K_REQUIRE : 'require' ;
K_SIZE : 'size' ;
K_ALIGN : 'align' ;
K_COUNT_OF : 'count_of' ;
K_BOUND : 'bound' ;
K_SIZEOF : 'sizeof' ;
K_ALIGNOF : 'alignof' ;
K_OFFSETOF : 'offsetof' ;
RESERVED : 'reserved' ;
ATOMIC   : 'atomic' ;

SEMI : ';' ;
EQ : '=' ;
COLON : ':' ;
COMMA : ',' ;
LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
DOT : '.' ;
AT : '@' ;
SHL : '<<' ;
SHR : '>>' ;
LE : '<=' ;
GE : '>=' ;
EQEQ : '==' ;
NE : '!=' ;
ANDAND : '&&' ;
OROR : '||' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
PERCENT : '%' ;
TILDE : '~' ;
BANG : '!' ;
LT : '<' ;
GT : '>' ;
AMP : '&' ;
CARET : '^' ;
PIPE : '|' ;


IDENT
    : [A-Za-z_] [A-Za-z0-9_]*
    ;

INT
    : '0' [xX] [0-9A-Fa-f] [0-9A-Fa-f_]*
    | '0' [bB] [01] [01_]*
    | [0-9] [0-9_]*
    ;

STRING
    : '"' (~["\\\r\n] | '\\' ["\\nt])* '"'
    ;

// A string the line ends inside; the parser facade reports it.
UNTERMINATED_STRING
    : '"' (~["\\\r\n] | '\\' ["\\nt])*
    ;

DOC_COMMENT
    : '///' ~[\r\n]* -> channel(DOC)
    ;

LINE_COMMENT
    : '//' ~[\r\n]* -> channel(HIDDEN)
    ;

// An unterminated comment runs to the end of the file; the parser facade reports it.
BLOCK_COMMENT
    : '/*' .*? ('*/' | EOF) -> channel(HIDDEN)
    ;

WS
    : [ \t\r\n\f]+ -> channel(HIDDEN)
    ;

// Anything else becomes a token the parser rejects with a clear message.
UNEXPECTED_CHAR
    : .
    ;
