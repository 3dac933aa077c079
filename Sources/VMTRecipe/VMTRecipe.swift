/// The recipe language: lexer, parser and resolver of `.vmt` files (filled by the recipe issue).
public enum VMTRecipe {}
