// Pitfall Tutor for VS Code: starts `python -m pitfall_tutor serve` and lets
// vscode-languageclient do the rest (diagnostics, hover, code actions). The
// server reads the `tutor.*` settings itself through workspace/configuration.

import { execFile } from "node:child_process";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

const SECTION = "tutor";
// The settings the server reads (the extension keeps `interpreter` and `trace`).
const SERVER_KEYS = ["enable", "select", "ignore", "severity", "docsUrl", "debounce", "codeActions"];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

// The part of the Python extension's API that picks the interpreter.
interface PythonApi {
  environments: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
    resolveEnvironment(
      path: string,
    ): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
    onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Pitfall Tutor");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("tutor.restart", () => restart()),
    vscode.commands.registerCommand("tutor.showLog", () => output?.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.interpreter`)) {
        void restart();
      }
    }),
  );
  const python = await pythonApi();
  if (python) {
    context.subscriptions.push(
      python.environments.onDidChangeActiveEnvironmentPath(() => {
        if (!configuredInterpreter()) {
          void restart();
        }
      }),
    );
  }
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function restart(): Promise<void> {
  await deactivate();
  await start();
}

async function start(): Promise<void> {
  const interpreter = await findInterpreter();
  const problem = await checkInstalled(interpreter);
  if (problem) {
    output?.appendLine(problem);
    void vscode.window.showErrorMessage(problem, "Show Log").then((choice) => {
      if (choice) {
        output?.show();
      }
    });
    return;
  }
  output?.appendLine(`Starting ${interpreter} -m pitfall_tutor serve`);
  const run = {
    command: interpreter,
    args: ["-m", "pitfall_tutor", "serve"],
    transport: TransportKind.stdio,
  };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "untitled", language: "python" },
      // Python cells of Jupyter notebooks: the server syncs them as notebook documents.
      { notebook: "jupyter-notebook", language: "python" },
    ],
    outputChannel: output,
    initializationOptions: { settings: serverSettings() },
  };
  client = new LanguageClient("tutor", "Pitfall Tutor", serverOptions, clientOptions);
  await client.start();
}

function serverSettings(): Record<string, unknown> {
  const all = vscode.workspace.getConfiguration(SECTION);
  const settings: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    settings[key] = all.get(key);
  }
  return settings;
}

function configuredInterpreter(): string {
  return vscode.workspace.getConfiguration(SECTION).get<string>("interpreter", "").trim();
}

async function pythonApi(): Promise<PythonApi | undefined> {
  const extension = vscode.extensions.getExtension<PythonApi>("ms-python.python");
  if (!extension) {
    return undefined;
  }
  try {
    return extension.isActive ? extension.exports : await extension.activate();
  } catch (error) {
    output?.appendLine(`The Python extension did not start: ${String(error)}`);
    return undefined;
  }
}

// tutor.interpreter, else the Python extension's choice, else python3 on PATH.
async function findInterpreter(): Promise<string> {
  const configured = configuredInterpreter();
  if (configured) {
    return configured;
  }
  const python = await pythonApi();
  if (python) {
    const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
    const active = python.environments.getActiveEnvironmentPath(resource);
    const environment = await python.environments.resolveEnvironment(active.path);
    const executable = environment?.executable.uri?.fsPath;
    if (executable) {
      return executable;
    }
  }
  return process.platform === "win32" ? "python" : "python3";
}

function checkInstalled(interpreter: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(interpreter, ["-c", "import pitfall_tutor.server.main"], (error) => {
      resolve(
        error
          ? `Pitfall Tutor: ${interpreter} cannot run the server (${error.message.trim()}). ` +
              `Install it there with "${interpreter} -m pip install pitfall-tutor", ` +
              `or set "tutor.interpreter".`
          : undefined,
      );
    });
  });
}
