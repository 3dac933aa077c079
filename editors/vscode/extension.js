// Colours `*.vmt` files (the TextMate grammar in syntaxes/, declared in package.json: no code runs
// for it) and starts `vmt-dsl lsp` for them. Nothing here is built or installed by CI.
//
// Two routes (README, "vmt-dsl lsp: editors"):
// - colours only: copy this folder to ~/.vscode/extensions/vmt-dsl; no `npm install` is needed.
//   The language client module is then missing, and activate() logs that and returns: colours
//   keep working.
// - colours and the language server: run `npm install` in this folder (it fetches
//   `vscode-languageclient`), then `code --extensionDevelopmentPath=$PWD`, or package it with
//   `npx @vscode/vsce package`.
const vscode = require('vscode');

let client;

// The `vscode-languageclient/node` module, or undefined when `npm install` has not been run here.
function loadLanguageClient() {
  try {
    return require('vscode-languageclient/node');
  } catch (error) {
    return undefined;
  }
}

function activate(context) {
  const languageClient = loadLanguageClient();
  if (languageClient === undefined) {
    const log = vscode.window.createOutputChannel('vmt-dsl');
    log.appendLine(
      'vmt-dsl: the module vscode-languageclient is not installed, so `vmt-dsl lsp` is not started '
      + '(colours still work). For diagnostics, hover and completion, run `npm install` in '
      + context.extensionPath + ' and reload the window.',
    );
    context.subscriptions.push(log);
    return undefined;
  }
  const { LanguageClient, TransportKind } = languageClient;
  const command = vscode.workspace.getConfiguration('vmt-dsl').get('path') || 'vmt-dsl';
  const server = { command, args: ['lsp'], transport: TransportKind.stdio };
  client = new LanguageClient(
    'vmt-dsl',
    'vmt-dsl',
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: 'file', language: 'vmt' }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.vmt') },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
