import axios from 'axios';

const WEBHOOK = 'https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX';

export async function postToSlack(text) {
  await axios.post(WEBHOOK, { text });
}
