"""The national public-service portal (dichvucong.gov.vn): its 766 answers as feed v1."""
