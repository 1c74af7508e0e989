"""The national public-service portal (dichvucong.gov.vn): its 766 answers as feed v1,
their scoring and the levers that raise a score."""
