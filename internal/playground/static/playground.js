// The swtalent playground: GraphiQL with a field for the bearer token. Every request goes to the
// endpoint on this server named by the page (data-endpoint); nothing is loaded from elsewhere.
(function () {
  'use strict';
  var endpoint = document.body.dataset.endpoint;
  var form = document.getElementById('token-bar');
  var input = document.getElementById('token');
  var state = document.getElementById('token-state');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var defaultQuery = [
    '# 匿名可见的计划进展 / plan progress, visible to everyone',
    '# 登录：mutation { login(username: "…", password: "…") { token } }，把令牌填入上方。',
    '# Sign in with the login mutation and paste the token above.',
    '{',
    '  plan {',
    '    asOf',
    '    initiatives {',
    '      titleZh',
    '      indicators { titleZh actual target status }',
    '    }',
    '  }',
    '}',
    ''
  ].join('\n');

  // The token stays in this tab only (sessionStorage), never in a cookie.
  try { input.value = sessionStorage.getItem('swtalent.token') || ''; } catch (e) { /* storage disabled */ }

  function fetcherFor(token) {
    return function (params, opts) {
      var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
      var extra = (opts && opts.headers) || {};
      Object.keys(extra).forEach(function (k) { headers[k] = extra[k]; });
      if (token) { headers.Authorization = 'Bearer ' + token; }
      return fetch(endpoint, {
        method: 'POST', headers: headers, body: JSON.stringify(params), credentials: 'omit'
      }).then(function (res) { return res.json(); });
    };
  }

  function render() {
    var token = input.value.trim();
    try { sessionStorage.setItem('swtalent.token', token); } catch (e) { /* storage disabled */ }
    state.textContent = token ? '已使用令牌 / signed in' : '匿名 / anonymous';
    // A new fetcher makes GraphiQL load the schema again with the new token.
    root.render(React.createElement(GraphiQL, {
      fetcher: fetcherFor(token),
      defaultQuery: defaultQuery,
      defaultEditorToolsVisibility: false
    }));
  }

  form.addEventListener('submit', function (ev) { ev.preventDefault(); render(); });
  render();
})();
