# Public services of libnewsflow beyond the article model (HTTP client, text segmentation,
# field maps, test helpers): each adds its sources and headers here.
