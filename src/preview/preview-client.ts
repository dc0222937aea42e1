// The preview page's script. It runs in the user's browser, not in Node: the
// function is sent as source text, so it must not use anything from outside its
// own body (no imports, no module variables).

/** What the server tells the page script when it draws the page. */
export interface ClientConfig {
  /** Identifies the form's options; when the server's differs, the page reloads to redraw them. */
  formKey: string;
}

/** The page script: keeps the preview, counts, links and coverage in step with the form. */
export function previewClient(config: ClientConfig): void {
  const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const form = byId<HTMLFormElement>('picks');
  const frame = byId<HTMLIFrameElement>('preview');
  const status = byId<HTMLElement>('status');
  const pdfLink = byId<HTMLAnchorElement>('download-pdf');
  const htmlLink = byId<HTMLAnchorElement>('download-html');
  const docxLink = byId<HTMLAnchorElement>('download-docx');
  const saveForm = byId<HTMLFormElement>('save');
  const slug = byId<HTMLInputElement>('slug');
  const overwrite = byId<HTMLInputElement>('overwrite');
  const saveStatus = byId<HTMLElement>('save-status');
  const coverage = byId<HTMLElement>('coverage');
  let slugEdited = slug.value !== '';
  let timer: number | undefined;
  let sequence = 0;

  const query = () => {
    const params = new URLSearchParams();
    for (const element of Array.from(form.elements)) {
      const field = element as HTMLInputElement | HTMLSelectElement;
      if (!field.name || (field instanceof HTMLInputElement && field.type === 'checkbox' && !field.checked)) continue;
      if (field.value.trim() !== '') params.append(field.name, field.value.trim());
    }
    return params.toString();
  };

  const setEnabled = (link: HTMLAnchorElement, enabled: boolean) => {
    if (enabled) link.removeAttribute('aria-disabled');
    else link.setAttribute('aria-disabled', 'true');
  };

  interface Summary {
    formKey: string;
    populations: Record<string, number>;
    topics: Record<string, number>;
    brief?: { name: string; title: string; sections: { id: string; title: string }[] };
    problem?: string;
    error?: string;
  }

  const describe = (count: number) => `${count} ${count === 1 ? 'section' : 'sections'}`;

  const refresh = async (reloadFrame: boolean) => {
    const mine = ++sequence;
    const q = query();
    history.replaceState(null, '', q ? `?${q}` : location.pathname);
    let summary: Summary;
    try {
      const response = await fetch(`/api/picks?${q}`, { headers: { Accept: 'application/json' } });
      summary = (await response.json()) as Summary;
    } catch {
      status.textContent = 'The preview server is not answering; is briefwright preview still running?';
      return;
    }
    if (mine !== sequence) return;
    if (summary.formKey && summary.formKey !== config.formKey) {
      location.reload();
      return;
    }
    for (const [facet, counts] of [['population', summary.populations], ['topic', summary.topics]] as const) {
      for (const [id, count] of Object.entries(counts ?? {})) {
        const label = document.querySelector(`[data-count-${facet}="${CSS.escape(id)}"]`);
        if (label) label.textContent = describe(count);
      }
    }
    const ok = Boolean(summary.brief);
    setEnabled(pdfLink, ok);
    setEnabled(htmlLink, ok);
    setEnabled(docxLink, ok);
    if (!ok) {
      status.textContent = summary.error ?? summary.problem ?? 'These choices make no brief.';
      frame.src = 'about:blank';
      return;
    }
    const brief = summary.brief!;
    status.textContent = `${brief.title}: ${describe(brief.sections.length)}.`;
    pdfLink.href = `/brief.pdf?${q}`;
    htmlLink.href = `/brief.html?${q}&download=1`;
    docxLink.href = `/brief.docx?${q}`;
    if (!slugEdited) slug.value = brief.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
    const source = `/brief.html?${q}`;
    // Setting src, even to the same address, loads the frame again.
    if (reloadFrame || frame.getAttribute('src') !== source) frame.src = source;
  };

  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void refresh(false), 200);
  };

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', (event) => event.preventDefault());
  slug.addEventListener('input', () => (slugEdited = slug.value !== ''));

  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-tick]'))) {
    button.addEventListener('click', () => {
      const [facet, value] = (button.dataset.tick ?? '').split(':');
      for (const box of Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${facet}"]`))) box.checked = value === 'all';
      schedule();
    });
  }

  // A link marked disabled stays focusable (so it is announced), but does nothing.
  for (const link of [htmlLink, docxLink]) {
    link.addEventListener('click', (event) => {
      if (link.getAttribute('aria-disabled') === 'true') event.preventDefault();
    });
  }

  pdfLink.addEventListener('click', async (event) => {
    event.preventDefault();
    if (pdfLink.getAttribute('aria-disabled') === 'true') return;
    status.textContent = 'Printing the PDF…';
    const response = await fetch(pdfLink.href).catch(() => undefined);
    if (!response?.ok) {
      const reason = response ? ((await response.json().catch(() => ({}))) as { error?: string }).error : 'the server is not answering';
      status.textContent = `The PDF could not be made: ${reason ?? response?.statusText}`;
      return;
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'brief.pdf';
    const url = URL.createObjectURL(await response.blob());
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = name;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    const warning = response.headers.get('X-Briefwright-Warning');
    const pages = response.headers.get('X-Briefwright-Pages') ?? '?';
    status.textContent = `Downloaded ${name} (${pages} ${pages === '1' ? 'page' : 'pages'}).${warning ? ` Note: ${warning}.` : ''}`;
  });

  saveForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body: Record<string, unknown> = { slug: slug.value.trim(), overwrite: overwrite.checked };
    for (const [key, value] of new URLSearchParams(query())) {
      if (key === 'population' || key === 'topic') body[key] = [...((body[key] as string[] | undefined) ?? []), value];
      else body[key] = value;
    }
    const response = await fetch('/api/recipes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => undefined);
    const result = ((await response?.json().catch(() => ({}))) ?? {}) as { file?: string; error?: string };
    saveStatus.textContent = response?.ok
      ? `Saved ${result.file}. Build it with: briefwright build ${slug.value.trim()}`
      : `Not saved: ${result.error ?? 'the server is not answering'}`;
  });

  const events = new EventSource('/events');
  events.addEventListener('change', async () => {
    await refresh(true);
    const response = await fetch('/api/coverage').catch(() => undefined);
    if (response?.ok) coverage.innerHTML = await response.text();
  });

  void refresh(false);
}
