/**
 * The SCORM player page's script: asks the server for a launch (the session its commits carry
 * and the state the SCO saved), gives the SCO scorm-again's API object (`window.API` for SCORM
 * 1.2, `window.API_1484_11` for 2004) with that state, then loads the SCO.
 *
 * Every commit reaches the server, whatever triggers it: scorm-again's autocommit, the SCO's
 * Commit (also one made while the page unloads, as Storyline, Captivate, iSpring and Adapt do),
 * the final Terminate, and the page itself when it is hidden or left. Each carries the whole
 * flattened CMI, the launch's session and a rising sequence number, so the server keeps the
 * newest and ignores repeats. Requests go by fetch with keepalive (they survive the page
 * closing); when the page is going away, by sendBeacon. A failed commit is retried with the
 * newest state until it is stored, and the learner is told while it is not. The newest state is
 * also kept in localStorage until the server has it: a state that could not leave the page (the
 * tab closed offline, or more than the 64 KiB a beacon may carry) goes with the next launch.
 */
import type Scorm12API from 'scorm-again/scorm12';
import type Scorm2004API from 'scorm-again/scorm2004';

// Types only (erased from the bundle): the page's JSON and the launch endpoint's answer.
import type { launchPlayer, PlayerLaunch } from '../lib/scorm/player.ts';

interface LaunchData extends PlayerLaunch {
  messages: Record<'saving' | 'saved' | 'retrying' | 'offline' | 'failed' | 'navBlocked', string>;
}

type Launch = Awaited<ReturnType<typeof launchPlayer>>;

type AnyApi = Scorm12API | Scorm2004API;

/** Beacons and keepalive fetches share a 64 KiB budget in browsers (counted in bytes). */
const KEEPALIVE_LIMIT = 60_000;
/** How long leaving a SCO may wait for it to terminate (a SCO without unload handlers never does). */
const UNLOAD_WAIT_MS = 2000;

/** localStorage, or null where it is unavailable (private modes, storage switched off). */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export async function startPlayer(): Promise<void> {
  const source = document.getElementById('scorm-launch');
  const frame = document.getElementById('sco-frame') as HTMLIFrameElement | null;
  if (!source?.textContent || !frame) return;
  const data = JSON.parse(source.textContent) as LaunchData;
  const status = document.getElementById('scorm-status');
  const alertBox = document.getElementById('scorm-alert');
  const pendingKey = `tilts-scorm:${data.attempt}:${data.item}`;

  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  const alarm = (text: string | null) => {
    if (!alertBox) return;
    alertBox.hidden = text === null;
    alertBox.textContent = text ?? '';
  };

  // The launch: the newest state the browser kept from the previous one goes with it.
  let launch: Launch;
  try {
    const pending = storage()?.getItem(pendingKey);
    const response = await fetch(data.startUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({
        attempt: data.attempt,
        item: data.item,
        token: data.token,
        ...(pending ? { pending: JSON.parse(pending) as unknown } : {}),
      }),
    });
    const reply = (await response.json()) as Launch & { ok: boolean; message?: string };
    if (!response.ok) {
      alarm(reply.message ?? data.messages.failed);
      return;
    }
    storage()?.removeItem(pendingKey);
    launch = reply;
  } catch {
    alarm(navigator.onLine ? data.messages.failed : data.messages.offline);
    return;
  }

  let seq = 0;
  let dirty = false;
  let stored = 0; // highest sequence number the server acknowledged
  let retryTimer: number | undefined;
  let retryDelay = 1000;
  let fatal = false;
  let unloading = false; // the page is going away (pagehide): no retries, no navigation
  let navigating = false; // the player itself is opening another page

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

  /** The whole state as one commit body, with the next sequence number (kept until stored). */
  const snapshot = (final: boolean): { seq: number; body: string; small: boolean } => {
    seq += 1;
    dirty = false;
    const body = JSON.stringify({
      attempt: data.attempt,
      item: data.item,
      session: launch.session,
      seq,
      token: data.token,
      final,
      cmi: api.getFlattenedCMI(),
      sequencing: sequencingPart(),
    });
    try {
      storage()?.setItem(pendingKey, body);
    } catch {
      // Full or forbidden: the server copy is what counts.
    }
    return { seq, body, small: new TextEncoder().encode(body).length < KEEPALIVE_LIMIT };
  };

  const scheduleRetry = () => {
    if (fatal || unloading || retryTimer !== undefined) return;
    say('');
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
    const { seq: mine, body, small } = snapshot(final);
    try {
      const response = await fetch(data.commitUrl, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        keepalive: small,
      });
      if (response.ok) {
        stored = Math.max(stored, mine);
        if (stored >= seq) {
          storage()?.removeItem(pendingKey);
          retryDelay = 1000;
          alarm(null);
          say(data.messages.saved);
        }
        return;
      }
      const problem = (await response.json().catch(() => null)) as { message?: string } | null;
      if ([401, 403, 404, 409].includes(response.status)) {
        // Signed out, not this learner's attempt, or another window took over: retrying cannot help.
        fatal = true;
        alarm(problem?.message ?? data.messages.failed);
        return;
      }
      if (response.status >= 500 || response.status === 429) {
        // Only while nothing newer has been stored since (a newer snapshot supersedes this one).
        if (mine > stored) scheduleRetry();
        return;
      }
      // Refused as it is (say a value the server does not accept): the learner is told, and the
      // next commit, with the SCO's newer state, is tried as usual.
      alarm(problem?.message ?? data.messages.failed);
    } catch {
      if (mine > stored) scheduleRetry();
    }
  };

  /** The page is being hidden or left: one beacon with the newest state, if anything is unsaved. */
  const flush = () => {
    if (fatal || (!dirty && stored >= seq && retryTimer === undefined)) return;
    const { body, small } = snapshot(true);
    const sent = small && navigator.sendBeacon(data.commitUrl, new Blob([body], { type: 'text/plain' }));
    // Too large for a beacon: a plain request, which survives a hidden page but not a closed one
    // (the copy in localStorage then goes with the next launch).
    if (!sent) void send(true);
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

  /** Saves (awaiting the server, briefly) and opens another page. */
  const leaveTo = async (url: string) => {
    if (navigating) return;
    navigating = true;
    await Promise.race([send(true), new Promise((resolve) => setTimeout(resolve, 3000))]);
    window.location.assign(url);
  };
  const goTo = (itemId: string) => {
    if (itemId === data.item && !navigating) return;
    void leaveTo(data.itemUrl + encodeURIComponent(itemId));
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
  api.loadFromFlattenedJSON(launch.cmi);

  api.on(data.api === '1.2' ? 'LMSSetValue' : 'SetValue', () => {
    dirty = true;
  });
  api.on(data.api === '1.2' ? 'LMSFinish' : 'Terminate', () => {
    if (!api2004) return;
    if (data.sequencing) {
      // scorm-again commits before it runs the SCO's exit and the roll-up: once it has, the
      // tree's new state (and the package's status) goes too.
      window.setTimeout(() => void send(true), 0);
      return;
    }
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
  });

  if (data.sequencing && api2004) {
    const sequencingApi = api2004;
    if (launch.sequencingState) {
      sequencingApi.deserializeSequencingState(launch.sequencingState);
      // After a Suspend All the tree holds a suspended activity: resume it (a tree that is not
      // suspended refuses, and the part asked for is simply shown).
      sequencingApi.processNavigationRequest('resumeAll');
    } else if (
      // A tree whose root does not allow flow cannot 'start': open the part asked for by choice.
      !sequencingApi.processNavigationRequest('start') &&
      !sequencingApi.processNavigationRequest('choice', data.item)
    ) {
      alarm(data.messages.navBlocked);
    }

    /** Unloads the SCO (it terminates, saving its last values) before the tree moves on. */
    const unloadSco = () =>
      new Promise<void>((resolve) => {
        if (sequencingApi.isTerminated()) return resolve();
        sequencingApi.on('Terminate', () => resolve());
        window.setTimeout(resolve, UNLOAD_WAIT_MS);
        frame.src = 'about:blank';
      });
    const navigate = async (request: string, target?: string) => {
      alarm(null);
      // Continue and Previous can be asked before anything is unloaded; a refused one changes nothing.
      if (request === 'continue' || request === 'previous') {
        if (sequencingApi.previewNavigationRequest(request).outcome === 'blocked') {
          alarm(data.messages.navBlocked);
          return;
        }
      }
      // Suspend All keeps the place: the SCO's attempt is suspended, not ended.
      if (request === 'suspendAll' && !sequencingApi.isTerminated()) sequencingApi.setCMIValue('cmi.exit', 'suspend');
      await unloadSco();
      if (!sequencingApi.processNavigationRequest(request, target)) {
        // Refused after the SCO was unloaded: open the same part again, saying why.
        await leaveTo(`${data.itemUrl}${encodeURIComponent(data.item)}&blocked=1`);
      }
    };
    document.querySelectorAll<HTMLButtonElement>('[data-nav]').forEach((button) => {
      button.addEventListener('click', () => void navigate(button.dataset['nav'] ?? ''));
    });
    document.querySelectorAll<HTMLAnchorElement>('.scorm-outline a[data-item]').forEach((link) => {
      link.addEventListener('click', (event) => {
        event.preventDefault();
        if (link.dataset['item'] !== data.item) void navigate('choice', link.dataset['item']);
      });
    });
  }

  window.addEventListener('pagehide', () => {
    unloading = true;
    flush();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
    // Back from the background: whatever did not reach the server then goes now.
    else if (!fatal && (dirty || stored < seq) && retryTimer === undefined) void send(false);
  });
  window.addEventListener('online', () => {
    if (retryTimer !== undefined) {
      window.clearTimeout(retryTimer);
      retryTimer = undefined;
      void send(false);
    }
  });

  // The API exists and holds the saved state: now the SCO may load and look for it.
  if (!navigating) frame.src = frame.dataset['src'] ?? data.launchUrl;
}
