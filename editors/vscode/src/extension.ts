// Pitfall Tutor for VS Code: starts the language server (`pitfall_tutor serve`)
// and lets vscode-languageclient do the rest (diagnostics, hover, code actions).
// The server reads the `tutor.*` settings itself through workspace/configuration.
//
// Where the server comes from is `tutor.importStrategy`: `useBundled` (the
// default) runs the copy of pitfall-tutor inside this extension on any Python
// 3.10 to 3.14; `fromEnvironment` runs the one installed in the interpreter.

import { execFile } from "node:child_process";
import * as vscode from "vscode";
import {
  Executable,
  LanguageClient,
  LanguageClientOptions,
  Middleware,
  ResponseError,
  ServerOptions,
} from "vscode-languageclient/node";

const SECTION = "tutor";
// The settings the server reads (the extension keeps the others).
const SERVER_KEYS = ["enable", "select", "ignore", "severity", "docsUrl", "debounce", "codeActions"];
// A change to one of these needs a new server process.
const RESTART_KEYS = ["interpreter", "importStrategy"];
const SHOW_QUESTION = "tutor.showQuestion";
// bundled/tool/serve.py exits with this when it has no libraries for the interpreter's version.
const EXIT_UNSUPPORTED = 3;

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let extensionRoot: vscode.Uri;
// Restarts run one after the other, never two at once.
let queue: Promise<void> = Promise.resolve();

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
  extensionRoot = context.extensionUri;
  output = vscode.window.createOutputChannel("Pitfall Tutor");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("tutor.restart", () => restart()),
    vscode.commands.registerCommand("tutor.showLog", () => output.show()),
    vscode.commands.registerCommand(SHOW_QUESTION, (page: string) => showQuestion(page)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_KEYS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`))) {
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
  await restart();
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** Stop whatever runs (or failed to), then start afresh. Safe from any client state. */
function restart(): Promise<void> {
  // Taken at once, so that the old client sends nothing more (see `middleware`).
  const old = client;
  client = undefined;
  queue = queue.then(async () => {
    await stopClient(old);
    await stop(); // a client started by an earlier restart still in the queue
    await start();
  });
  return queue;
}

async function stop(): Promise<void> {
  const old = client;
  client = undefined;
  await stopClient(old);
}

async function stopClient(old: LanguageClient | undefined): Promise<void> {
  if (!old) {
    return;
  }
  try {
    // stop() throws for a client that never started (startFailed) or already stopped.
    if (old.needsStop()) {
      await old.stop();
    }
  } catch (error) {
    output.appendLine(`Stopping the old server: ${String(error)}`);
  }
  try {
    await old.dispose();
  } catch {
    // Already stopped: nothing left to free.
  }
}

async function start(): Promise<void> {
  const interpreter = await findInterpreter();
  const bundled = importStrategy() === "useBundled";
  const serve = bundled
    ? { command: interpreter, args: ["-I", vscode.Uri.joinPath(extensionRoot, "bundled", "tool", "serve.py").fsPath, "serve"] }
    : { command: interpreter, args: ["-m", "pitfall_tutor", "serve"] };
  const problem = await checkServer(serve.command, serve.args, bundled);
  if (problem) {
    output.appendLine(problem.message);
    void offer(problem);
    return;
  }
  output.appendLine(`Starting ${serve.command} ${serve.args.join(" ")}`);
  // No `transport`: stdio, without vscode-languageclient appending `--stdio`.
  const run: Executable = { command: serve.command, args: serve.args };
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
    middleware,
  };
  const fresh = new LanguageClient("tutor", "Pitfall Tutor", serverOptions, clientOptions);
  client = fresh;
  try {
    await fresh.start();
    output.appendLine("Pitfall Tutor server is running.");
  } catch (error) {
    output.appendLine(`The server did not start: ${String(error)}`);
  }
}

// Question pages are installed Markdown files: show them rendered and read-only,
// never as an editable tab of a file inside the extension or site-packages.
function isQuestionPage(uri: vscode.Uri): boolean {
  return uri.scheme === "file" && (uri.path.endsWith(".md") || uri.path.endsWith(".html"));
}

// The server links to the page rendered in its cache (`<slug>.html`); VS Code has no
// read-only HTML view of a local file, so show the same question's Markdown, rendered.
function markdownPage(uri: vscode.Uri): vscode.Uri {
  if (!uri.path.endsWith(".html")) {
    return uri;
  }
  const slug = uri.path.split("/").pop()!.replace(/\.html$/, "");
  const questions = ["bundled", "libs", "common", "pitfall_tutor", "rules", "questions"];
  return vscode.Uri.joinPath(extensionRoot, ...questions, `${slug}.md`);
}

function questionLink(uri: vscode.Uri): vscode.Uri {
  const args = encodeURIComponent(JSON.stringify([uri.toString()]));
  return vscode.Uri.parse(`command:${SHOW_QUESTION}?${args}`);
}

async function showQuestion(page: string): Promise<void> {
  const markdown = markdownPage(vscode.Uri.parse(page));
  try {
    await vscode.workspace.fs.stat(markdown);
  } catch {
    await vscode.env.openExternal(vscode.Uri.parse(page)); // not a question page we know
    return;
  }
  await vscode.commands.executeCommand("markdown.showPreview", markdown);
}

function withQuestionLinks(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const diagnostic of diagnostics) {
    const code = diagnostic.code;
    if (typeof code === "object" && isQuestionPage(code.target)) {
      diagnostic.code = { value: code.value, target: questionLink(code.target) };
    }
  }
  return diagnostics;
}

function hoverWithQuestionLinks(hover: vscode.Hover | null | undefined): vscode.Hover | null | undefined {
  if (!hover) {
    return hover;
  }
  const contents = hover.contents.map((part) => {
    if (!(part instanceof vscode.MarkdownString)) {
      return part;
    }
    const text = part.value.replace(/\]\((file:[^)\s]+\.(?:md|html))(#[^)\s]*)?\)/g, (_match, page: string) =>
      `](${questionLink(vscode.Uri.parse(page)).toString(true)})`,
    );
    const rendered = new vscode.MarkdownString(text);
    rendered.isTrusted = { enabledCommands: [SHOW_QUESTION] };
    return rendered;
  });
  return new vscode.Hover(contents, hover.range);
}

const middleware: Middleware = {
  handleDiagnostics(uri, diagnostics, next) {
    next(uri, withQuestionLinks(diagnostics));
  },
  async provideDiagnostics(document, previousResultId, token, next) {
    const report = await next(document, previousResultId, token);
    if (report && report.kind === "full") {
      withQuestionLinks(report.items);
    }
    return report;
  },
  async provideHover(document, position, token, next) {
    if (!client?.isRunning()) {
      return undefined; // a client being stopped by a restart: its server is shutting down
    }
    return hoverWithQuestionLinks(await next(document, position, token));
  },
  provideCodeActions(document, range, context, token, next) {
    return client?.isRunning() ? next(document, range, context, token) : undefined;
  },
  // A settings change that restarts the server must not reach the client being stopped:
  // vscode-languageclient would try to start it again to deliver the notification.
  workspace: {
    didChangeConfiguration(sections, next) {
      return client?.isRunning() ? next(sections) : Promise.resolve();
    },
  },
  window: {
    async showDocument(params, next) {
      const uri = vscode.Uri.parse(params.uri);
      if (isQuestionPage(uri)) {
        await showQuestion(params.uri);
        return { success: true };
      }
      const shown = await next(params, new vscode.CancellationTokenSource().token);
      return shown instanceof ResponseError ? { success: false } : shown;
    },
  },
};

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

function importStrategy(): string {
  return vscode.workspace.getConfiguration(SECTION).get<string>("importStrategy", "useBundled");
}

async function pythonApi(): Promise<PythonApi | undefined> {
  const extension = vscode.extensions.getExtension<PythonApi>("ms-python.python");
  if (!extension) {
    return undefined;
  }
  try {
    return extension.isActive ? extension.exports : await extension.activate();
  } catch (error) {
    output.appendLine(`The Python extension did not start: ${String(error)}`);
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

interface Problem {
  message: string;
  actions: string[];
}

const USE_BUNDLED = "Use Bundled";
const CHOOSE_INTERPRETER = "Choose Interpreter";
const SHOW_LOG = "Show Log";

/** One short sentence for a server that cannot start, and what the user can do about it. */
async function checkServer(
  command: string,
  args: string[],
  bundled: boolean,
): Promise<Problem | undefined> {
  const probe = bundled
    ? [...args.slice(0, -1), "--check"]
    : ["-c", "import pitfall_tutor.server.main"];
  return new Promise((resolve) => {
    execFile(command, probe, { timeout: 60_000 }, (error, _stdout, stderr) => {
      if (!error) {
        resolve(undefined);
        return;
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") {
        resolve({
          message: `Pitfall Tutor: the interpreter "${command}" was not found; set "tutor.interpreter".`,
          actions: [CHOOSE_INTERPRETER],
        });
      } else if (bundled && error.code === EXIT_UNSUPPORTED) {
        resolve({
          message: `Pitfall Tutor: ${stderr.trim() || `${command} is not a supported Python.`}`,
          actions: [CHOOSE_INTERPRETER],
        });
      } else if (!bundled) {
        resolve({
          message: `Pitfall Tutor: ${command} does not have pitfall-tutor; use the bundled copy or another interpreter.`,
          actions: [USE_BUNDLED, CHOOSE_INTERPRETER],
        });
      } else {
        output.appendLine(stderr);
        resolve({
          message: `Pitfall Tutor: the bundled server does not run with ${command}.`,
          actions: [CHOOSE_INTERPRETER, SHOW_LOG],
        });
      }
    });
  });
}

async function offer(problem: Problem): Promise<void> {
  const choice = await vscode.window.showErrorMessage(problem.message, ...problem.actions);
  const settings = vscode.workspace.getConfiguration(SECTION);
  if (choice === USE_BUNDLED) {
    // The setting's change restarts the server.
    const set = settings.inspect<string>("importStrategy");
    const target =
      set?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : set?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    await settings.update("importStrategy", "useBundled", target);
  } else if (choice === CHOOSE_INTERPRETER) {
    await vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.interpreter`);
  } else if (choice === SHOW_LOG) {
    output.show();
  }
}
