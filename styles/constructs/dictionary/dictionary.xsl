<?xml version="1.0" encoding="UTF-8"?>
<!-- Dictionaries (the TEI dictionaries module, TEI Lex-0): entries, their forms, grammar, senses, definitions, examples and cross-references. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    exclude-result-prefixes="tei eg">

  <!-- An entry is a paragraph of its own, as a printed dictionary sets it: the headword
       in bold, then its fields run in, each a word apart from the one before (dictionary
       markup often writes them with no space between), the senses numbered as @n has
       them. Entries and their parts hold phrasing content only. -->
  <xsl:template match="tei:superEntry | tei:entry | tei:entryFree">
    <div class="entry {local-name()}">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>
  <xsl:template match="tei:superEntry/tei:entry">
    <xsl:call-template name="field-gap"/>
    <span class="entry">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- a word space before a field that follows another with none between -->
  <xsl:template name="field-gap">
    <xsl:if test="(preceding-sibling::node()[1])[self::*]"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="tei:form | tei:hom | tei:re | tei:dictScrap | tei:etym | tei:xr | tei:def | tei:usg | tei:lbl
      | tei:pron | tei:hyph | tei:syll | tei:stress | tei:colloc">
    <xsl:call-template name="field-gap"/>
    <span class="{local-name()}">
      <xsl:call-template name="atts"/>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- the headword -->
  <xsl:template match="tei:orth">
    <xsl:call-template name="field-gap"/>
    <b class="orth"><xsl:call-template name="atts"/><xsl:apply-templates/></b>
  </xsl:template>

  <!-- grammar: part of speech, gender, number… in italics -->
  <xsl:template match="tei:gramGrp | tei:gram | tei:pos | tei:gen | tei:number | tei:case | tei:per | tei:tns | tei:mood
      | tei:iType | tei:subc">
    <xsl:call-template name="field-gap"/>
    <i class="gram {local-name()}"><xsl:call-template name="atts"/><xsl:apply-templates/></i>
  </xsl:template>

  <!-- a sense, numbered as the dictionary numbers it -->
  <xsl:template match="tei:sense">
    <xsl:call-template name="field-gap"/>
    <span class="sense">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <xsl:if test="normalize-space(@n) != ''"><b class="sense-n"><xsl:value-of select="normalize-space(@n)"/></b><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- an example or a translation in an entry runs in with it -->
  <xsl:template match="tei:cit[ancestor::tei:entry or ancestor::tei:entryFree or ancestor::tei:superEntry]">
    <xsl:call-template name="field-gap"/>
    <span class="cit">
      <xsl:call-template name="atts"/>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <xsl:template match="tei:quote[parent::tei:cit][ancestor::tei:entry or ancestor::tei:entryFree or ancestor::tei:superEntry]">
    <xsl:call-template name="field-gap"/>
    <xsl:apply-imports/>
  </xsl:template>

  <!-- An empty oRef or pRef stands for the headword (its spelling, its pronunciation):
       a swung dash, as printed dictionaries set it ("The Royal ~ of Arts"). -->
  <xsl:template match="tei:oRef | tei:pRef">
    <span class="{local-name()}">
      <xsl:call-template name="atts"/>
      <xsl:choose>
        <xsl:when test="normalize-space(.) != '' or *"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise>~</xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

</xsl:stylesheet>
