// The router: #/login, #/queue?filters, #/drafts/<id>, #/new, #/coach, #/analytics?tab&week.
// Without a token every route is the login.

import { me, token } from "./api.js";
import { clear } from "./dom.js";
import { ROLE } from "./format.js";
import { renderLogin } from "./login.js";
import { renderQueue } from "./queue.js";
import { renderDraft } from "./draft.js";
import { renderNewAppeal } from "./appeal-new.js";
import { renderCoach } from "./coach.js";
import { renderAnalytics } from "./analytics.js";
import { renderAppeal } from "./appeal.js";

// who may create appeals in the UI (the executor of the agency, and an admin)
export const CREATORS = ["executor", "admin"];

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
  const nav = document.getElementById("topnav");
  if (!caller) {
    who.hidden = true;
    nav.hidden = true;
    return;
  }
  nav.hidden = false;
  document.getElementById("nav-new").hidden = !CREATORS.includes(caller.role);
  const parts = [ROLE[caller.role] || caller.role];
  if (caller.agency) parts.push(caller.agency);
  if (caller.region) parts.push(`регион ${caller.region}`);
  document.getElementById("who-role").textContent = parts.join(" · ");
  document.getElementById("who-role").title = parts.join(" · "); // whole, when the bar cuts it
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
  const record = path.match(/^\/appeals\/([^/]+)$/);
  const section = match ? "queue" : path.replace(/^\//, "").split("/")[0];
  for (const link of document.querySelectorAll("#topnav a")) {
    link.classList.toggle("active", link.dataset.section === section);
  }
  if (record) {
    leave = renderAppeal(clear(view), decodeURIComponent(record[1]));
  } else if (match) {
    leave = renderDraft(clear(view), decodeURIComponent(match[1]), caller);
  } else if (path === "/new") {
    leave = renderNewAppeal(clear(view), caller);
  } else if (path === "/coach") {
    leave = renderCoach(clear(view), caller);
  } else if (path === "/analytics") {
    leave = renderAnalytics(clear(view), params, caller);
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
