/**
 * Gofer's Submit button for JupyterLab 4 and Notebook 7: a toolbar button on every notebook that
 * saves it, submits it to Gofer (see client.ts for the requests) and shows the grade in a panel.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ToolbarButton } from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel, NotebookPanel } from '@jupyterlab/notebook';
import { IDisposable } from '@lumino/disposable';
import { GoferClient, GoferError, servicePrefix } from './client';
import { failure, PanelModel, progress, render, result } from './view';

const PANEL_ID = 'gofer-submit-panel';

function show(model: PanelModel): void {
  let host = document.getElementById(PANEL_ID);
  if (!host) {
    host = document.createElement('div');
    host.id = PANEL_ID;
    host.setAttribute('role', 'status');
    host.setAttribute('aria-live', 'polite');
    host.addEventListener('click', e => {
      if ((e.target as HTMLElement).classList.contains('gofer-close')) {
        host?.remove();
      }
    });
    document.body.appendChild(host);
  }
  render(host, model);
  const close = document.createElement('button');
  close.className = 'gofer-close';
  close.setAttribute('aria-label', 'Close');
  close.textContent = '×';
  host.prepend(close);
}

const SIGN_IN_TIMEOUT_MS = 30000;

/**
 * Follows Gofer's login URL through the hub's OAuth as a navigation, in a hidden iframe, so that the
 * hub accepts its own login cookie (see client.ts); resolves when the last page has loaded.
 */
function signInInFrame(url: string): Promise<void> {
  return new Promise(resolve => {
    const frame = document.createElement('iframe');
    frame.className = 'gofer-sign-in';
    frame.setAttribute('aria-hidden', 'true');
    frame.style.display = 'none';
    const done = () => {
      window.clearTimeout(timer);
      frame.remove();
      resolve();
    };
    const timer = window.setTimeout(done, SIGN_IN_TIMEOUT_MS);
    frame.addEventListener('load', done);
    frame.src = url;
    document.body.appendChild(frame);
  });
}

async function submit(context: DocumentRegistry.IContext<INotebookModel>): Promise<void> {
  const prefix = servicePrefix(PageConfig.getBaseUrl(), PageConfig.getOption('goferServiceUrl'));
  const client = new GoferClient(prefix, { fetch: (url, init) => window.fetch(url, init), signIn: signInInFrame });
  try {
    show(progress('saving'));
    await context.save();
    show(progress('submitting'));
    const accepted = await client.submit(context.model.toJSON());
    show(progress('queued', accepted));
    const finished = await client.waitForGrade(accepted, s =>
      show(progress(s.status === 'running' ? 'running' : 'queued', s))
    );
    show(result(finished, await client.attempts(finished.assignment ?? accepted.assignment)));
  } catch (e) {
    const message =
      e instanceof GoferError ? e.message : `Could not reach Gofer (${(e as Error)?.message ?? e}). Your notebook is saved.`;
    show(failure(message));
  }
}

class SubmitButtonExtension implements DocumentRegistry.IWidgetExtension<NotebookPanel, INotebookModel> {
  createNew(panel: NotebookPanel, context: DocumentRegistry.IContext<INotebookModel>): IDisposable {
    let busy = false;
    const button = new ToolbarButton({
      className: 'gofer-submit-button',
      label: 'Submit',
      tooltip: 'Submit this notebook to Gofer for grading',
      onClick: () => {
        if (busy) {
          return;
        }
        busy = true;
        void submit(context).finally(() => {
          busy = false;
        });
      }
    });
    panel.toolbar.insertItem(10, 'goferSubmit', button);
    return button;
  }
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'gofer-submit-labextension:plugin',
  description: "Gofer's Submit button: grade this notebook and show the score.",
  autoStart: true,
  activate: (app: JupyterFrontEnd) => {
    app.docRegistry.addWidgetExtension('Notebook', new SubmitButtonExtension());
  }
};

export default plugin;
