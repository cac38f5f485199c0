// The operator's dashboard: plain browser JavaScript, no build step and nothing from the network
// but this server's own API (the same API every client uses, with the caller's bearer token).
'use strict';

(() => {
  const REFRESH_MS = 3000;
  const HISTORY_POINTS = 100; // five minutes at one point per refresh
  const KEPT_EVENTS = 1000; // events shown for a task; older ones leave the list
  const TOKEN_KEY = 'streaming-coordinator.token';
  const FINISHED = ['COMPLETED', 'FAILED', 'CANCELLED'];
  // EventSource hands named events only to listeners of that name: the shipped tasks' events and
  // the hub's notices (see README, Event format)
  const EVENT_TYPES = [
    'message', 'start', 'started', 'progress', 'final', 'timeout', 'complete', 'error',
    'dropped', 'history-lost', 'evicted', 'suspended',
  ];

  const $ = (id) => document.getElementById(id);
  const state = {
    token: sessionStorage.getItem(TOKEN_KEY),
    caller: null,
    types: [],
    timer: null,
    history: [],
    previous: null,
    task: null, // the selected task: { key, data, source, lastId, ids, received, ended, retries }
  };

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem?.detail ?? `The server answered ${status}`);
      this.status = status;
    }
  }

  /** One call of the API; a problem answer becomes an ApiError carrying its detail. */
  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (state.token) headers.Authorization = `Bearer ${state.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const answer = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    const text = await answer.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    if (!answer.ok) throw new ApiError(answer.status, json);
    return json;
  }

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === false || value === null || value === undefined) continue;
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    node.append(...children);
    return node;
  }

  function notice(text) {
    $('notice').textContent = text;
  }

  // ---- signing in -------------------------------------------------------------------------

  async function signIn(token) {
    state.token = token;
    try {
      state.caller = await api('GET', 'caller');
    } catch (e) {
      state.token = null;
      sessionStorage.removeItem(TOKEN_KEY);
      notice(e.status === 401 || e.status === 403
        ? `That token was refused: ${e.message}`
        : `Could not sign in: ${e.message}`);
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    $('sign-in').hidden = true;
    $('signed-in').hidden = false;
    $('caller-name').textContent = state.caller.name;
    $('caller-roles').textContent = `(${state.caller.roles.join(', ') || 'no role'})`;
    $('main').hidden = false;
    $('start').hidden = !state.caller.may.produce;
    notice('');
    if (state.caller.may.produce) await loadTypes();
    await refresh();
    state.timer = setInterval(refresh, REFRESH_MS);
    const wanted = /^#task=([^/]+\/[^/]+\/\d+)$/.exec(location.hash);
    if (wanted) await open(wanted[1]);
  }

  function signOut() {
    clearInterval(state.timer);
    closeStream();
    sessionStorage.removeItem(TOKEN_KEY);
    location.hash = '';
    location.reload();
  }

  // ---- the start form ---------------------------------------------------------------------

  async function loadTypes() {
    state.types = await api('GET', 'tasks');
    const select = $('task-type');
    select.replaceChildren(...state.types.map((t) => element('option', {
      value: `${t.app}/${t.model}`, text: `${t.app}/${t.model}`,
    })));
    renderFields();
  }

  function selectedType() {
    return state.types.find((t) => `${t.app}/${t.model}` === $('task-type').value);
  }

  /** One labelled control per field of the chosen type, with its type and bounds. */
  function renderFields() {
    const type = selectedType();
    const box = $('task-fields');
    box.replaceChildren(element('legend', { text: `Fields of ${type ? type.model : ''}` }));
    for (const input of type?.inputs ?? []) {
      const id = `field-${input.name}`;
      const hintId = `${id}-hint`;
      const hint = describe(input);
      const common = { id, name: input.name, 'aria-describedby': hint ? hintId : null };
      let control;
      if (input.type === 'boolean') {
        control = element('input', { ...common, type: 'checkbox', checked: input.default === true });
      } else if (input.type === 'integer' || input.type === 'number') {
        control = element('input', {
          ...common,
          type: 'number',
          inputmode: input.type === 'integer' ? 'numeric' : 'decimal',
          step: input.type === 'integer' ? 1 : 'any',
          min: input.minimum,
          max: input.maximum,
          value: input.default ?? '',
        });
      } else if (input.type === 'list' || input.type === 'json') {
        control = element('textarea', { ...common, rows: 3, required: input.non_empty });
        control.value = input.type === 'list'
          ? (input.default ?? []).join('\n')
          : (input.default === null ? '' : JSON.stringify(input.default));
      } else {
        control = element('input', {
          ...common,
          type: 'text',
          maxlength: input.max_length,
          minlength: input.min_length,
          pattern: input.pattern,
          required: input.required,
          value: input.default ?? '',
        });
      }
      const row = element('div', { class: input.type === 'boolean' ? 'field check' : 'field' });
      const label = element('label', { for: id, text: input.name });
      if (input.type === 'boolean') row.append(control, label);
      else row.append(label, control);
      if (hint) row.append(element('small', { id: hintId, class: 'hint', text: hint }));
      box.append(row);
    }
  }

  function describe(input) {
    switch (input.type) {
      case 'integer': return `whole number from ${input.minimum} to ${input.maximum}`;
      case 'number': return 'a number';
      case 'boolean': return '';
      case 'list': return `one item per line${input.max_items ? `, at most ${input.max_items}` : ''}`;
      case 'json': return 'a JSON value';
      default: {
        const parts = [];
        if (input.one_of) parts.push(`one of ${input.one_of.join(', ')}`);
        if (input.max_length) parts.push(`at most ${input.max_length} characters`);
        if (input.pattern) parts.push(`matching ${input.pattern}`);
        if (input.required) parts.push('required');
        return parts.join('; ');
      }
    }
  }

  function formFields() {
    const fields = {};
    for (const input of selectedType()?.inputs ?? []) {
      const control = $(`field-${input.name}`);
      if (input.type === 'boolean') fields[input.name] = control.checked;
      else if (control.value.trim() === '' && input.type !== 'string') continue;
      else if (input.type === 'integer' || input.type === 'number') fields[input.name] = Number(control.value);
      else if (input.type === 'list') fields[input.name] = control.value.split('\n').map((s) => s.trim()).filter(Boolean);
      else if (input.type === 'json') fields[input.name] = JSON.parse(control.value);
      else fields[input.name] = control.value;
    }
    return fields;
  }

  async function start(event) {
    event.preventDefault();
    const error = $('start-error');
    error.textContent = '';
    const form = $('start-form');
    if (!form.checkValidity()) {
      form.reportValidity();
      return;
    }
    let fields;
    try {
      fields = formFields();
    } catch (e) {
      error.textContent = `A field is not valid JSON: ${e.message}`;
      return;
    }
    try {
      const task = await api('POST', `tasks/${$('task-type').value}`, fields);
      select(task);
      await refreshTasks();
    } catch (e) {
      error.textContent = e.message;
    }
  }

  // ---- the recent tasks -------------------------------------------------------------------

  async function refreshTasks() {
    const tasks = await api('GET', 'tasks/recent?limit=20');
    $('tasks-empty').hidden = tasks.length > 0;
    $('task-rows').replaceChildren(...tasks.map((task) => {
      const key = keyOf(task);
      const show = element('button', {
        type: 'button', class: 'link', 'aria-label': `Show task ${task.id} (${task.model})`,
        'aria-current': state.task?.key === key ? 'true' : null, text: `#${task.id}`,
      });
      show.addEventListener('click', () => select(task));
      return element('tr', { 'data-key': key },
        element('td', {}, show),
        element('td', { text: `${task.app}/${task.model}` }),
        element('td', {}, element('span', { class: `status ${task.status.toLowerCase()}`, text: task.status })),
        element('td', {}, element('time', { datetime: task.created_at, text: time(task.created_at) })));
    }));
    if (state.task) {
      const fresh = tasks.find((t) => keyOf(t) === state.task.key);
      if (fresh) showTask(fresh);
    }
  }

  const keyOf = (task) => `${task.app}/${task.model}/${task.id}`;
  const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');

  // ---- the selected task and its stream ---------------------------------------------------

  async function open(key) {
    try {
      select(await api('GET', `tasks/${key}`));
    } catch (e) {
      notice(`Task ${key}: ${e.message}`);
    }
  }

  function select(task) {
    closeStream();
    state.task = {
      key: keyOf(task), data: task, source: null, lastId: null, ids: new Set(), received: 0,
      ended: false, retries: 0,
    };
    history.replaceState(null, '', `#task=${state.task.key}`);
    $('task').hidden = false;
    $('task-title').textContent = `Task #${task.id} · ${task.app}/${task.model}`;
    $('events').replaceChildren();
    $('event-count').textContent = '';
    $('task-outcome').hidden = true;
    $('progress-box').hidden = true;
    $('task-progress').value = 0;
    $('task-error').textContent = '';
    showTask(task);
    if (task.final_value !== null && FINISHED.includes(task.status)) showOutcome(task);
    stream(task.stream_url, null);
    for (const row of $('task-rows').children) {
      row.querySelector('button')?.setAttribute('aria-current', row.dataset.key === state.task.key ? 'true' : 'false');
    }
  }

  /** Watches the task; the browser itself reconnects with Last-Event-ID after a dropped connection. */
  function stream(url, after) {
    const selected = state.task;
    const target = new URL(url, location.href);
    if (!target.searchParams.has('token')) {
      // streams by role only (streaming.security.streams=roles): an EventSource cannot send the
      // bearer token, so the page follows the task by reading it each refresh instead
      $('task-connection').textContent = '(no live stream: this server opens streams by role only; refreshed every few seconds)';
      return;
    }
    if (after !== null) target.searchParams.set('lastEventId', after);
    const source = new EventSource(target);
    selected.source = source;
    source.addEventListener('open', () => {
      selected.retries = 0;
      $('task-connection').textContent = '(live)';
    });
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (e) => {
        if (e instanceof MessageEvent) received(selected, e);
        else if (state.task === selected) lost(selected, source);
      });
    }
  }

  function lost(selected, source) {
    if (selected.ended) return;
    if (source.readyState === EventSource.CONNECTING) {
      $('task-connection').textContent = '(connection lost: reconnecting…)';
      return;
    }
    // the browser gave up (a refused reconnect: an expired subscriber token, a restart): read the
    // task again for a fresh stream_url and go on after the last event received
    source.close();
    $('task-connection').textContent = '(disconnected)';
    if (selected.retries++ >= 5) return;
    setTimeout(async () => {
      if (state.task !== selected || selected.ended) return;
      try {
        const task = await api('GET', `tasks/${selected.key}`);
        if (state.task === selected) stream(task.stream_url, selected.lastId);
      } catch (e) {
        $('task-connection').textContent = `(disconnected: ${e.message})`;
      }
    }, REFRESH_MS);
  }

  function received(selected, e) {
    if (state.task !== selected) return;
    let data = null;
    try { data = JSON.parse(e.data); } catch { data = e.data; }
    if (e.lastEventId) {
      selected.lastId = e.lastEventId;
      selected.ids.add(e.lastEventId);
    }
    selected.received++;
    const list = $('events');
    list.append(element('li', { 'data-id': e.lastEventId || null, 'data-type': e.type },
      element('span', { class: 'event-id', text: e.lastEventId ? `#${e.lastEventId}` : '–' }),
      element('span', { class: 'event-type', text: e.type }),
      element('code', { text: brief(data) })));
    while (list.childElementCount > KEPT_EVENTS) list.firstElementChild.remove();
    $('event-count').textContent = `(${selected.received} received)`;
    progress(data);
    if (e.type === 'complete' || e.type === 'error') {
      selected.ended = true;
      selected.source?.close();
      $('task-connection').textContent = '(stream ended)';
      showOutcome({ status: e.type === 'complete' ? 'COMPLETED' : 'FAILED', final_value: data?.final_value, last_event: { event: e.type, data } });
      // the stored status (FAILED or CANCELLED) and the final fields
      api('GET', `tasks/${selected.key}`).then((task) => state.task === selected && showTask(task)).catch(() => {});
    }
  }

  function brief(data) {
    if (data === null || typeof data !== 'object') return String(data);
    const shown = Object.fromEntries(Object.entries(data).filter(([k]) => !k.startsWith('_')));
    const text = JSON.stringify(shown);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }

  /** step of total_steps (or of total), or seq of count: the bar and its text. */
  function progress(data) {
    if (data === null || typeof data !== 'object') return;
    const done = data.step ?? data.seq;
    const total = data.total_steps ?? data.count ?? data.total;
    if (typeof done !== 'number' || typeof total !== 'number' || total <= 0) return;
    $('progress-box').hidden = false;
    $('task-progress').max = total;
    $('task-progress').value = Math.min(done, total);
    $('task-progress-text').textContent = `${done} of ${total} (${Math.round((100 * done) / total)}%)`;
  }

  function showTask(task) {
    if (!state.task || keyOf(task) !== state.task.key) return;
    state.task.data = task;
    const status = $('task-status');
    status.textContent = task.status;
    status.className = `status ${task.status.toLowerCase()}`;
    const open = !FINISHED.includes(task.status);
    const may = state.caller?.may.produce === true;
    $('task-cancel').hidden = !(may && open);
    $('task-continue').hidden = !(may && open && task.fields?.continue === false);
    if (!open && !state.task.ended && !state.task.source) {
      // no live stream (streams by role only): the stored state says how it ended
      showOutcome(task);
    }
    if (!state.task.source && task.last_event?.data) progress(task.last_event.data);
  }

  function showOutcome(task) {
    const last = task.last_event;
    const failed = last?.event === 'error';
    $('task-outcome').hidden = false;
    $('task-outcome-title').textContent = failed ? 'Error' : 'Final value';
    const value = failed ? brief(last.data) : JSON.stringify(task.final_value ?? null, null, 2);
    $('task-outcome-value').textContent = value;
    $('task-outcome').classList.toggle('failed', failed);
    if (!failed && task.status === 'COMPLETED' && $('task-progress').max > 0 && !$('progress-box').hidden) {
      $('task-progress').value = $('task-progress').max;
    }
  }

  async function act(method, suffix, body) {
    const selected = state.task;
    $('task-error').textContent = '';
    try {
      const task = await api(method, `tasks/${selected.key}${suffix}`, body);
      showTask(task);
    } catch (e) {
      $('task-error').textContent = e.message;
    }
  }

  function closeStream() {
    state.task?.source?.close();
  }

  // ---- the hub ----------------------------------------------------------------------------

  async function refreshHub() {
    const hub = await api('GET', 'hub');
    const previous = state.previous;
    state.previous = hub;
    const writes = previous ? hub.delivery_latency.writes - previous.delivery_latency.writes : 0;
    const latency = writes > 0
      ? (1000 * (hub.delivery_latency.total_seconds - previous.delivery_latency.total_seconds)) / writes
      : null;
    state.history.push({
      open: hub.open_streams,
      running: hub.running_tasks,
      deepest: hub.deepest_queue,
      latency,
      evictions: previous ? hub.evictions - previous.evictions : 0,
      rejections: previous ? hub.rejections - previous.rejections : 0,
    });
    if (state.history.length > HISTORY_POINTS) state.history.shift();
    $('hub-open-streams').textContent = hub.open_streams;
    $('hub-running-tasks').textContent = hub.queued_tasks > 0
      ? `${hub.running_tasks} (${hub.queued_tasks} queued)` : hub.running_tasks;
    $('hub-deepest-queue').textContent = `${hub.deepest_queue} of ${hub.limits.queue_capacity}`;
    $('hub-latency').textContent = latency === null
      ? 'no deliveries lately'
      : `${latency < 10 ? latency.toFixed(2) : Math.round(latency)} ms`;
    $('hub-evictions').textContent = hub.evictions;
    $('hub-rejections').textContent = hub.rejections;
    for (const spark of document.querySelectorAll('.spark')) {
      spark.replaceChildren(sparkline(state.history.map((p) => p[spark.dataset.figure])));
    }
    limits(hub.limits);
    $('hub-updated').textContent = `Updated ${new Date(hub.at).toLocaleTimeString()}.`;
  }

  function limits(l) {
    const cap = (n) => (n > 0 ? String(n) : 'no cap');
    const rows = [
      ['Queue per client', `${l.queue_capacity} events`],
      ['Overflow policy', l.overflow],
      ['Send timeout', l.send_timeout.replace(/^PT/, '').toLowerCase()],
      ['Streams in all', cap(l.max_connections)],
      ['Streams per task', cap(l.max_connections_per_task)],
      ['Streams per address', cap(l.max_connections_per_address)],
      ['Tasks running at once', String(l.max_running_tasks)],
      ['Tasks queued for a turn', String(l.max_queued_tasks)],
    ];
    $('hub-limits').replaceChildren(...rows.map(([name, value]) =>
      element('div', {}, element('dt', { text: name }), element('dd', { text: value }))));
  }

  /** A small line of the values (nulls are gaps), scaled to its own maximum; for the eye only. */
  function sparkline(values) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', `0 0 ${HISTORY_POINTS - 1} 20`);
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const max = Math.max(1, ...values.filter((v) => v !== null));
    const offset = HISTORY_POINTS - values.length;
    let points = [];
    const flush = () => {
      if (points.length === 0) return;
      if (points.length === 1) points.push(points[0].replace(/^[\d.]+/, (x) => String(Number(x) + 0.5)));
      const line = document.createElementNS(ns, 'polyline');
      line.setAttribute('points', points.join(' '));
      svg.append(line);
      points = [];
    };
    values.forEach((v, i) => {
      if (v === null || v === undefined) flush();
      else points.push(`${offset + i},${(19 - (18 * v) / max).toFixed(2)}`);
    });
    flush();
    return svg;
  }

  // ---- the refresh ------------------------------------------------------------------------

  async function refresh() {
    const parts = [refreshHub(), refreshTasks()];
    const selected = state.task;
    if (selected && !selected.source) {
      parts.push(api('GET', `tasks/${selected.key}`).then(showTask));
    }
    const failures = (await Promise.allSettled(parts)).filter((r) => r.status === 'rejected');
    if (failures.length === 0) {
      if ($('notice').dataset.kind === 'refresh') { notice(''); delete $('notice').dataset.kind; }
      return;
    }
    const e = failures[0].reason;
    if (e.status === 401) {
      // the token expired or the server no longer trusts it: back to the sign-in form
      clearInterval(state.timer);
      closeStream();
      state.token = null;
      sessionStorage.removeItem(TOKEN_KEY);
      $('sign-in').hidden = false;
      $('signed-in').hidden = true;
      $('main').hidden = true;
      notice(`Signed out: ${e.message}`);
      return;
    }
    notice(`Could not refresh: ${e.message}`);
    $('notice').dataset.kind = 'refresh';
  }

  // ---- wiring -----------------------------------------------------------------------------

  $('sign-in').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = $('token').value.trim();
    $('token').value = '';
    if (token) signIn(token);
  });
  $('sign-out').addEventListener('click', signOut);
  $('task-type').addEventListener('change', renderFields);
  $('start-form').addEventListener('submit', start);
  $('task-cancel').addEventListener('click', () => act('POST', '/cancel'));
  $('task-continue').addEventListener('click', () => act('PATCH', '', { continue: true }));
  if (state.token) signIn(state.token);
})();
