"""Uploads retry: attachments are large and the site is far away."""

import requests
from requests.adapters import HTTPAdapter
from urllib3 import Retry


class RetryingTransport:
    def __init__(self, retries=4):
        self.adapter = HTTPAdapter(max_retries=Retry(total=retries, backoff_factor=2))

    def send(self, method, url, timeout=60, **kwargs):
        with requests.Session() as session:
            session.mount("https://", self.adapter)
            return session.request(method, url, timeout=timeout, **kwargs)
