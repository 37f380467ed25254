/**
 * The SCORM player page's script: gives the SCO scorm-again's API object (`window.API` for
 * SCORM 1.2, `window.API_1484_11` for 2004) with the state the server saved, then loads the SCO.
 *
 * Every commit reaches the server, whatever triggers it: scorm-again's autocommit, the SCO's
 * Commit (also one made while the page unloads, as Storyline, Captivate, iSpring and Adapt do),
 * the final Terminate, and the page itself when it is hidden or left. Each carries the whole
 * flattened CMI, the launch's session and a rising sequence number, so the server keeps the
 * newest and ignores repeats. Requests go by fetch with keepalive (they survive the page
 * closing); when the page is going away, by sendBeacon. A failed commit is retried with the
 * newest state until it is stored, and the learner is told while it is not.
 */
import type Scorm12API from 'scorm-again/scorm12';
import type Scorm2004API from 'scorm-again/scorm2004';

interface LaunchData {
  api: '1.2' | '2004';
  attempt: number;
  token: string;
  item: string;
  session: number;
  cmi: Record<string, string>;
  launchUrl: string;
  commitUrl: string;
  itemUrl: string;
  exitUrl: string;
  sequencing: { activityTree: { id: string; title: string }; collections: unknown; state: string | null } | null;
  messages: Record<'saving' | 'saved' | 'retrying' | 'offline' | 'failed' | 'navBlocked', string>;
}

type AnyApi = Scorm12API | Scorm2004API;

/** Beacons and keepalive fetches share a 64 KiB budget in browsers. */
const KEEPALIVE_LIMIT = 60_000;

export async function startPlayer(): Promise<void> {
  const source = document.getElementById('scorm-launch');
  const frame = document.getElementById('sco-frame') as HTMLIFrameElement | null;
  if (!source?.textContent || !frame) return;
  const data = JSON.parse(source.textContent) as LaunchData;
  const status = document.getElementById('scorm-status');
  const alertBox = document.getElementById('scorm-alert');

  let seq = 0;
  let dirty = false;
  let stored = 0; // highest sequence number the server acknowledged
  let retryTimer: number | undefined;
  let retryDelay = 1000;
  let fatal = false;
  let leaving = false;

  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  const alarm = (text: string | null) => {
    if (!alertBox) return;
    alertBox.hidden = text === null;
    alertBox.textContent = text ?? '';
  };

  // Filled below; the transport reads the API lazily.
  let api: AnyApi;

  const sequencingPart = () => {
    if (!data.sequencing || data.api !== '2004') return undefined;
    const sequenced = api as Scorm2004API;
    try {
      const root = sequenced.getActivityTrackingData(data.sequencing.activityTree.id);
      const completion = root?.completionStatus ?? 'unknown';
      const success = root?.successStatus ?? 'unknown';
      return {
        state: sequenced.serializeSequencingState(),
        root: {
          completion: ['completed', 'incomplete', 'not attempted'].includes(completion) ? completion : 'unknown',
          success: ['passed', 'failed'].includes(success) ? success : 'unknown',
        },
      };
    } catch {
      return undefined;
    }
  };

  /** The whole state as one commit body, with the next sequence number. */
  const snapshot = (final: boolean): { seq: number; body: string } => {
    seq += 1;
    dirty = false;
    const body = JSON.stringify({
      attempt: data.attempt,
      item: data.item,
      session: data.session,
      seq,
      token: data.token,
      final,
      cmi: api.getFlattenedCMI(),
      sequencing: sequencingPart(),
    });
    return { seq, body };
  };

  const scheduleRetry = () => {
    if (fatal || retryTimer !== undefined) return;
    say(navigator.onLine ? data.messages.retrying : data.messages.offline);
    alarm(navigator.onLine ? data.messages.retrying : data.messages.offline);
    retryTimer = window.setTimeout(() => {
      retryTimer = undefined;
      void send(false);
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30_000);
  };

  /** Sends the current state; resolves when the server stored it (or refused it for good). */
  const send = async (final: boolean): Promise<void> => {
    if (fatal) return;
    const { seq: mine, body } = snapshot(final);
    try {
      const response = await fetch(data.commitUrl, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        keepalive: body.length < KEEPALIVE_LIMIT,
      });
      if (response.ok) {
        stored = Math.max(stored, mine);
        if (stored >= seq) {
          retryDelay = 1000;
          alarm(null);
          say(data.messages.saved);
        }
        return;
      }
      const problem = (await response.json().catch(() => null)) as { message?: string } | null;
      if (response.status >= 500 || response.status === 429) {
        scheduleRetry();
        return;
      }
      // Signed out, another window took over, or data the server refuses: retrying cannot help.
      fatal = true;
      alarm(problem?.message ?? data.messages.failed);
    } catch {
      if (!leaving) scheduleRetry();
    }
  };

  /** While the page goes away: one beacon with the newest state, if anything is unsaved. */
  const flushOnLeave = () => {
    leaving = true;
    if (fatal || (!dirty && stored >= seq && retryTimer === undefined)) return;
    const { body } = snapshot(true);
    const sent =
      body.length < KEEPALIVE_LIMIT && navigator.sendBeacon(data.commitUrl, new Blob([body], { type: 'text/plain' }));
    if (!sent) {
      void fetch(data.commitUrl, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json' },
        keepalive: body.length < KEEPALIVE_LIMIT,
      });
    }
  };

  // scorm-again hands every commit (autocommit, Commit, Terminate) to this service.
  const transport = {
    processHttpRequest() {
      say(data.messages.saving);
      void send(false);
      return { result: 'true', errorCode: 0 };
    },
    updateSettings() {},
  };

  const settings = {
    autocommit: true,
    autocommitSeconds: 10,
    lmsCommitUrl: data.commitUrl,
    logLevel: 5 as const,
    mastery_override: true,
    httpService: transport,
    ...(data.sequencing
      ? {
          sequencing: {
            activityTree: data.sequencing.activityTree,
            collections: data.sequencing.collections,
            eventListeners: {
              onActivityDelivery: (activity: { id: string }) => goTo(activity.id),
              onSequencingSessionEnd: () => void leaveTo(data.exitUrl),
            },
          },
        }
      : {}),
  };

  /** Saves (awaiting the server, briefly) and opens another page. */
  const leaveTo = async (url: string) => {
    if (leaving) return;
    await Promise.race([send(true), new Promise((resolve) => setTimeout(resolve, 3000))]);
    leaving = true;
    window.location.assign(url);
  };
  const goTo = (itemId: string) => {
    if (itemId === data.item && !leaving) return;
    void leaveTo(data.itemUrl + encodeURIComponent(itemId));
  };

  // Only the API the package speaks is downloaded. The ESM builds export the classes by name
  // (their type declarations describe a default export).
  if (data.api === '1.2') {
    const { Scorm12API: Api } = (await import('scorm-again/scorm12')) as unknown as { Scorm12API: typeof Scorm12API };
    api = new Api(settings as unknown as ConstructorParameters<typeof Scorm12API>[0], transport as never);
    (window as unknown as { API: AnyApi }).API = api;
  } else {
    const { Scorm2004API: Api } = (await import('scorm-again/scorm2004')) as unknown as {
      Scorm2004API: typeof Scorm2004API;
    };
    api = new Api(settings as unknown as ConstructorParameters<typeof Scorm2004API>[0], transport as never);
    (window as unknown as { API_1484_11: AnyApi }).API_1484_11 = api;
  }
  const api2004 = data.api === '2004' ? (api as Scorm2004API) : null;
  api.loadFromFlattenedJSON(data.cmi);

  const markDirty = () => {
    dirty = true;
  };
  api.on(data.api === '1.2' ? 'LMSSetValue' : 'SetValue', markDirty);
  api.on(data.api === '1.2' ? 'LMSFinish' : 'Terminate', () => {
    if (api2004 && !data.sequencing) {
      // Without sequencing the player follows the SCO's own navigation request.
      const request = String(api2004.getCMIValue('adl.nav.request') ?? '');
      const links = document.querySelectorAll<HTMLAnchorElement>('.scorm-nav a');
      const rel = request === 'continue' ? 'next' : request === 'previous' ? 'prev' : null;
      const choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
      if (rel) {
        const link = [...links].find((a) => a.rel === rel);
        if (link) void leaveTo(link.href);
      } else if (choice?.[1]) {
        goTo(choice[1]);
      } else if (request === 'exit' || request === 'exitAll' || request === 'suspendAll') {
        void leaveTo(data.exitUrl);
      }
    }
  });

  if (data.sequencing && api2004) {
    const sequencingApi = api2004;
    if (data.sequencing.state) sequencingApi.deserializeSequencingState(data.sequencing.state);
    // A tree whose root does not allow flow cannot 'start': open the part asked for by choice.
    else if (
      !sequencingApi.processNavigationRequest('start') &&
      !sequencingApi.processNavigationRequest('choice', data.item)
    ) {
      say(data.messages.navBlocked);
    }
    document.querySelectorAll<HTMLButtonElement>('[data-nav]').forEach((button) => {
      button.addEventListener('click', () => {
        const request = button.dataset['nav'] ?? '';
        if (!sequencingApi.processNavigationRequest(request)) alarm(data.messages.navBlocked);
      });
    });
    document.querySelectorAll<HTMLAnchorElement>('.scorm-outline a[data-item]').forEach((link) => {
      link.addEventListener('click', (event) => {
        event.preventDefault();
        if (!sequencingApi.processNavigationRequest('choice', link.dataset['item'])) alarm(data.messages.navBlocked);
      });
    });
  }

  window.addEventListener('pagehide', flushOnLeave);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && dirty) flushOnLeave();
    else if (document.visibilityState === 'visible') leaving = false;
  });
  window.addEventListener('online', () => {
    if (retryTimer !== undefined) {
      window.clearTimeout(retryTimer);
      retryTimer = undefined;
      void send(false);
    }
  });

  // The API exists and holds the saved state: now the SCO may load and look for it.
  if (!leaving) frame.src = frame.dataset['src'] ?? data.launchUrl;
}
