import { invoke, requestJira, view } from '@forge/bridge';
import React, { useEffect, useState } from 'react';

export default function App() {
  const [summary, setSummary] = useState(null);
  const [comments, setComments] = useState([]);
  const [me, setMe] = useState(null);

  useEffect(() => {
    invoke('getSummary').then(setSummary);
    invoke('getComments').then(setComments);
    requestJira('/rest/api/3/myself')
      .then((res) => res.json())
      .then(setMe);
  }, []);

  async function watch() {
    const context = await view.getContext();
    await requestJira(`/rest/api/3/issue/${context.extension.issue.key}/watchers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(me.accountId),
    });
  }

  if (!summary) {
    return <p>Loading…</p>;
  }
  return (
    <div>
      <h3>Risk score: {summary.score}</h3>
      <button onClick={watch}>Watch this issue</button>
      <ul>
        {comments.map((c) => (
          <li key={c.id}>
            <span dangerouslySetInnerHTML={{ __html: c.renderedBody }} />
            <button onClick={() => invoke('dismiss', { id: c.id })}>Dismiss</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
