/// The recipe language: lexer, parser and resolver of `.vmt` files.
public enum VMTRecipe {}
