// Starts `vmt-dsl lsp` for *.vmt files. Nothing here is built or installed by CI: run
// `npm install` in this folder, then open it with `code --extensionDevelopmentPath=editors/vscode`
// (or package it with `npx @vscode/vsce package`).
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
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
