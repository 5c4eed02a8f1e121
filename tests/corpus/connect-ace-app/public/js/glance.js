/* global AP */
// Runs in the glance iframe. "Add note" appends a comment and refreshes the glance.
document.getElementById('add-note').addEventListener('click', () => {
  AP.context.getContext((context) => {
    const key = context.jira.issue.key;
    AP.request({
      url: '/rest/api/3/issue/' + key + '/comment',
      type: 'POST',
      contentType: 'application/json',
      data: JSON.stringify({ body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: document.getElementById('note').value }] }] } }),
      success: () => window.location.reload(),
    });
  });
});

AP.request('/rest/api/3/myself', {
  success: (text) => {
    document.getElementById('who').textContent = JSON.parse(text).displayName;
  },
});
