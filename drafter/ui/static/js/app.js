// The router: #/login, #/queue?filters, #/drafts/<id>. Without a token every route is the login.

import { me, token } from "./api.js";
import { clear } from "./dom.js";
import { ROLE } from "./format.js";
import { renderLogin } from "./login.js";
import { renderQueue } from "./queue.js";
import { renderDraft } from "./draft.js";

const view = document.getElementById("view");
let caller = null;
let leave = null; // the current page's clean-up (timers), run before the next page renders

function parseHash() {
  const raw = window.location.hash.replace(/^#/, "") || "/queue";
  const [path, search] = raw.split("?");
  return { path, params: new URLSearchParams(search || "") };
}

export function go(hash) {
  if (window.location.hash === hash) route();
  else window.location.hash = hash;
}

function showCaller() {
  const who = document.getElementById("who");
  if (!caller) {
    who.hidden = true;
    return;
  }
  const parts = [ROLE[caller.role] || caller.role];
  if (caller.agency) parts.push(caller.agency);
  if (caller.region) parts.push(`регион ${caller.region}`);
  document.getElementById("who-role").textContent = parts.join(" · ");
  who.hidden = false;
}

async function route() {
  if (leave) leave();
  leave = null;
  const { path, params } = parseHash();
  if (!token.get()) {
    caller = null;
    showCaller();
    renderLogin(clear(view), onLogin);
    return;
  }
  if (!caller) {
    try {
      caller = await me();
    } catch (err) {
      token.clear();
      route();
      return;
    }
    showCaller();
  }
  const match = path.match(/^\/drafts\/([^/]+)$/);
  if (match) {
    leave = renderDraft(clear(view), decodeURIComponent(match[1]), caller);
  } else {
    leave = renderQueue(clear(view), params, caller);
  }
}

function onLogin(who) {
  caller = who;
  showCaller();
  const { path } = parseHash();
  go(path === "/login" ? "#/queue" : window.location.hash || "#/queue");
}

function logout() {
  token.clear();
  caller = null;
  go("#/login");
}

document.getElementById("logout").addEventListener("click", logout);
window.addEventListener("drafter:logout", () => {
  token.clear();
  caller = null;
  route();
});
window.addEventListener("hashchange", route);
route();
