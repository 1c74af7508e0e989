"""The national public-service portal (dichvucong.gov.vn): its 766 answers and scoring."""
