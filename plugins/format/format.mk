# format "csv", "markdown", "html", "sqlite", "elasticsearch".
