// Starts `infralint lsp` for the files infralint lints; the server tells their format from
// the name and content, so YAML that is neither compose, Kubernetes nor Prometheus gets nothing.
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const settings = vscode.workspace.getConfiguration('infralint');
  const command = settings.get<string>('path', 'infralint');
  const serverOptions: ServerOptions = {
    run: { command, args: ['lsp'], transport: TransportKind.stdio },
    debug: { command, args: ['lsp'], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'file', language: 'dockercompose' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'nginx' },
      { scheme: 'file', pattern: '**/railway.{toml,json}' },
      { scheme: 'file', pattern: '**/{nginx,*.nginx}.conf' },
    ],
    synchronize: {
      // The server reloads its configuration when these change.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.infralint.{yaml,yml}'),
    },
    initializationOptions: { debounceMs: settings.get<number>('debounceMs', 75) },
  };
  client = new LanguageClient('infralint', 'infralint', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
