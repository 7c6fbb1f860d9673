// The login page: the token is checked with GET /v1/me, then kept in sessionStorage.

import { me, token } from "./api.js";
import { h } from "./dom.js";

export function renderLogin(root, onLogin) {
  const input = h("input", {
    id: "token", name: "token", type: "password", autocomplete: "off", required: true,
    spellcheck: "false", placeholder: "Токен доступа",
  });
  const error = h("p", { class: "form-error", role: "alert", hidden: true });
  const button = h("button", { type: "submit", class: "btn btn-primary" }, "Войти");
  const form = h(
    "form",
    { class: "card login-card", id: "login-form" },
    h("h1", {}, "Вход"),
    h("p", { class: "muted" },
      "Введите токен доступа, выданный администратором (команда ",
      h("code", {}, "drafter token create"), ")."),
    h("label", { for: "token" }, "Токен"),
    input,
    error,
    h("div", { class: "form-actions" }, button),
    h("p", { class: "hint" }, "Токен хранится только в этой вкладке и удаляется при её закрытии."),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const secret = input.value.trim();
    if (!secret) return;
    button.disabled = true;
    error.hidden = true;
    try {
      const who = await me(secret);
      token.set(secret);
      onLogin(who);
    } catch (err) {
      error.textContent = err.status === 401
        ? "Токен не подошёл: он неверен или отозван."
        : `Не удалось войти: ${err.russian}`;
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  root.append(h("div", { class: "login-wrap" }, form));
  input.focus();
}
