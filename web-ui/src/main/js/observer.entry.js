// Live turnout on the observers' election page (docs/web-ui.md §4.1). The page is complete without
// JavaScript; with it, the node's event stream (GET /api/v1/events, docs/api.md §2.5) says when an
// election's counted ballots changed, and the turnout part — counts per station and the SVG of
// ballots over time, both still drawn by the server — is fetched again and swapped in. Refreshes
// are coalesced: at most one request in flight, and one more if events arrived meanwhile.
const root = document.getElementById("turnout-live");
const data = root.dataset;
const status = document.getElementById("turnout-live-status");

let inFlight = false;
let again = false;

async function refresh() {
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  try {
    const response = await fetch(data.turnoutUrl, { credentials: "same-origin" });
    if (response.ok) {
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = doc.getElementById("live-turnout");
      const current = document.getElementById("live-turnout");
      if (fresh && current) current.replaceWith(document.importNode(fresh, true));
    }
  } catch (e) {
    // The next event tries again; the page still shows the last turnout it had.
  } finally {
    inFlight = false;
    if (again) {
      again = false;
      refresh();
    }
  }
}

if (root && typeof EventSource === "function") {
  const events = new EventSource(data.eventsUrl);
  events.addEventListener("open", () => {
    status.textContent = data.msgLiveOn;
    root.dataset.live = "connected";
  });
  events.addEventListener("turnout", (event) => {
    try {
      if (JSON.parse(event.data).electionId === data.election) refresh();
    } catch (e) {
      // Not an event of the documented shape: ignored.
    }
  });
  events.addEventListener("error", () => {
    // EventSource reconnects by itself (retry: 3000); say so only when it gave up for good.
    if (events.readyState === EventSource.CLOSED) {
      status.textContent = data.msgLiveOff;
      root.dataset.live = "closed";
    }
  });
}
